import os from "node:os";
import { defineConfig } from "vitest/config";

// One run over every package: each project brings its own vitest.config.ts (and globalSetup).
// Under CI a JSON report is also written, from which .ci/run prints a plain closing line.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "adapters/*/vitest.config.ts",
      "scripts/vitest.config.ts",
    ],
    // Vitest's default (cores − 1) is ONE worker on a 2-core machine: the files then run one
    // after another, although a browser or HTTP test mostly waits on processes outside its worker
    // (Chromium, the web server, the worker, Postgres). One more worker than cores keeps both
    // cores busy (decision 061 has the measurements). `--maxWorkers=N` still overrides it.
    maxWorkers: os.availableParallelism() + 1,
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: ".data/ci-test-report.json" }]]
      : ["default"],
  },
});
