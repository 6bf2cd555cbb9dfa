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
    // after another, although a browser or HTTP test spends much of its time waiting on
    // processes outside its worker (Chromium, the web server, the worker, Postgres). One worker
    // per core (decision 061). `--maxWorkers=N` still overrides it.
    maxWorkers: Math.max(2, os.availableParallelism()),
    reporters: process.env.CI
      ? ["default", ["json", { outputFile: ".data/ci-test-report.json" }]]
      : ["default"],
  },
});
