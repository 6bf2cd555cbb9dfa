import { defineConfig } from "vitest/config";

// One run over every package: each project brings its own vitest.config.ts (and globalSetup).
// Files run one at a time on a 2-core machine (vitest's default there): two at once took the
// test phase from 949 to 620 s but exposed timing flakes (decision 061). Under CI a JSON
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
