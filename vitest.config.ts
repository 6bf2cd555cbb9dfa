import { defineConfig } from "vitest/config";

// One run over every package: each project brings its own vitest.config.ts (and globalSetup).
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "adapters/*/vitest.config.ts",
    ],
  },
});
