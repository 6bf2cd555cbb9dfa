import type { TestProject } from "vitest/node";
import { chromiumExecutable } from "./chromium.ts";
import "./context.ts";
import { type DbRun, startServerPair } from "./servers.ts";

/**
 * Starts what the browser tests talk to: the BUILT web server (server.ts) and the worker
 * (verification emails are sent by the `email.send` job), both on a database of their own.
 * Teardown stops both. Tests that need another configuration start their own pair
 * (`startServerPair` with the db run this setup hands over).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Unpack the packaged Chromium once here, before the test files launch it in parallel.
  await chromiumExecutable();
  const run = project.getProvidedContext() as DbRun;
  const servers = await startServerPair(run);
  project.provide("webBaseUrl", servers.baseUrl);
  project.provide("webDatabaseUrl", servers.databaseUrl);
  project.provide("webDbRun", run);
  return servers.stop;
}
