import { fileURLToPath } from "node:url";

/**
 * Absolute path of the Postgres globalSetup, for vitest.config.ts files: this module imports
 * nothing from vitest (or Postgres), so a config can load it cheaply.
 */
export const globalSetupPath = fileURLToPath(new URL("./globalSetup.ts", import.meta.url));
