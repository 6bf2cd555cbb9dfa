import { globalSetupPath } from "@mentora/db/testing/global-setup-path";
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "core",
    // One module graph per worker, not per file: core's files import the same ~1,000 modules
    // (CI: evaluated 2,261 times, 69 s). Safe here: no file mocks modules, stubs the
    // environment or fakes timers, and spies are restored (decision 068).
    isolate: false,
    include: ["src/**/*.test.ts"],
    globalSetup: [globalSetupPath],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
