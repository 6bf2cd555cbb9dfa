import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "scripts",
    include: ["**/*.test.ts"],
    testTimeout: 60_000,
    // The bench suite's own fixture runs only from its test (scripts/bench/bench.test.ts).
    benchmark: { exclude: ["**/node_modules/**", "bench/fixtures/**"] },
  },
});
