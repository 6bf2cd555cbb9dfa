import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "video", include: ["src/**/*.test.ts", "src/**/*.test.tsx"] },
});
