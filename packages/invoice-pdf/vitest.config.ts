import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "invoice-pdf", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
