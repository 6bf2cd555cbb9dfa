import { globalSetupPath } from "@mentora/db/testing/global-setup-path";
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "worker",
    include: ["src/**/*.test.ts"],
    globalSetup: [globalSetupPath],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
