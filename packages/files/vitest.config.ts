import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "files", include: ["src/**/*.test.ts"], testTimeout: 30_000 },
});
