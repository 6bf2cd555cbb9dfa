import { defineConfig } from "vitest/config";

// One run over every package: each project brings its own vitest.config.ts (and globalSetup).
// Two files at a time: `pnpm test` passes --maxWorkers=2 (a maxWorkers here never reaches the
// projects, decision 061); vitest's default on 2 cores is one (decision 068). Under CI a JSON
// report is also written, from which .ci/run prints a plain closing line.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "adapters/*/vitest.config.ts",
      "scripts/vitest.config.ts",
    ],
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: ".data/ci-test-report.json" }]]
      : ["default"],
  },
});
