// vitest globalSetup for tests that need Postgres. In a package's vitest.config.ts:
//   import { globalSetupPath } from "@mentora/db/testing/global-setup-path";
//   export default defineProject({ test: { globalSetup: [globalSetupPath], … } });
// Test files then call createTestDatabase() from "@mentora/db/testing".
import type { TestProject } from "vitest/node";
import "./context.ts";
import { acquireTestRun, releaseTestRun } from "./testRun.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = await acquireTestRun();
  project.provide("mentoraDbAdminUrl", run.adminUrl);
  project.provide("mentoraTemplateDb", run.templateDb);
  project.provide("mentoraDbRunPrefix", run.prefix);
  if (process.env.MENTORA_DB_TIMINGS) {
    process.stderr.write(`[@mentora/db test run] ${JSON.stringify(run.timings)}\n`);
  }
  return releaseTestRun;
}
