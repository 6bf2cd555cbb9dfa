import { globalSetupPath } from "@mentora/db/testing/global-setup-path";
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "core",
    include: ["src/**/*.test.ts"],
    globalSetup: [globalSetupPath],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
