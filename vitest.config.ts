import { defineConfig } from "vitest/config";

// One run over every package: each project brings its own vitest.config.ts (and globalSetup).
// `pnpm test` runs one worker per core (`--maxWorkers=100%`, decision 061): a `maxWorkers` set
// here did not reach the projects, and a 2-core CI ran one file at a time. Under CI a JSON
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
