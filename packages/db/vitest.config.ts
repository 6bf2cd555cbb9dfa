import { defineProject } from "vitest/config";
import { globalSetupPath } from "./src/testing/globalSetupPath.ts";

// Integration tests against a real Postgres: a throwaway embedded cluster per run (or
// DATABASE_URL's server), one cloned database per test via createTestDatabase().
export default defineProject({
  test: {
    name: "db",
    include: ["src/**/*.test.ts"],
    globalSetup: [globalSetupPath],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
