import path from "node:path";
import { globalSetupPath } from "@mentora/db/testing/global-setup-path";
import { defineProject } from "vitest/config";

/**
 * The web project: browser end-to-end tests (e2e/*.e2e.ts) against the BUILT server, and any
 * unit tests beside the app code. globalSetup: @mentora/db's (embedded Postgres + migrated
 * template), then ours (a cloned database, the web server and the worker).
 */
export default defineProject({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    name: "web",
    include: ["e2e/**/*.e2e.ts", "app/**/*.test.{ts,tsx}", "server/**/*.test.ts"],
    globalSetup: [globalSetupPath, "./e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for something to become true; vitest's default gives up after 1 s, a
    // timed assertion in effect, which two files at a time on 2 cores miss (realtime's freed
    // stream places, decision 068). A poll still returns as soon as it holds.
    expect: { poll: { timeout: 30_000 } },
    server: { deps: { external: [/\/apps\/web\/build\//] } },
  },
});
