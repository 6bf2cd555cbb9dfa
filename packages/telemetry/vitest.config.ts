import { globalSetupPath } from "@mentora/db/testing/global-setup-path";
import { defineProject } from "vitest/config";

// globalSetup: @mentora/db's embedded Postgres and migrated template (tests with a database).
export default defineProject({
  test: {
    name: "telemetry",
    include: ["src/**/*.test.ts"],
    globalSetup: [globalSetupPath],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
