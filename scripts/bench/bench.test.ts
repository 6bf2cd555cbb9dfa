import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtureConfig = "scripts/bench/fixtures/vitest.config.ts";

function runSuite(env: Record<string, string> = {}) {
  const out = mkdtempSync(path.join(tmpdir(), "mentora-bench-"));
  const run = spawnSync(
    process.execPath,
    ["scripts/bench.ts", "--quick", "--rounds", "2", "--out", out, "--config", fixtureConfig],
    { cwd: root, encoding: "utf8", env: { ...process.env, ...env } },
  );
  return { ...run, out };
}

test("pnpm bench runs every round, writes the figures, the machine and a chart of ratios", () => {
  const run = runSuite();
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toContain("bench round 2/2");
  // A quick run has its own files: the full run's docs/performance.md is never overwritten by it.
  expect(existsSync(path.join(run.out, "performance.md"))).toBe(false);
  const markdown = readFileSync(path.join(run.out, "performance-quick.md"), "utf8");
  expect(markdown).toContain("2 rounds, BENCH_SCALE=1");
  expect(markdown).toContain("![Ratio of each target to its floor](performance-quick.svg)");
  expect(markdown).toMatch(
    /\| `scripts\/bench\/fixtures\/sample\.bench\.ts` \| [\d.]+ (ms|s) \| [\d.]+ (ms|s) \| 2 \|/,
  );
  expect(markdown).toMatch(/\| machine \| .+, \d+ cores, [\d.]+ GiB RAM \|/);
  expect(markdown).toMatch(
    /\| sorting numbers against copying them \| sort a copy \| [\d.]+ (µs|ms) \| [\d.]+ (µs|ms) \| [\d.]+× \|/,
  );
  expect(markdown).toMatch(/\| floor: copy \| .* \| 2 \| 1× \|/);
  expect(markdown).not.toContain("## Failures");
  // What a group annotates reaches the report (the JSON reporter alone drops it).
  expect(markdown).toContain(
    "### sorting numbers against copying them\n\n`scripts/bench/fixtures/sample.bench.ts`, round 2 of 2\n\n```text\nsorted 2000 numbers\nsmallest 0\n```",
  );
  const svg = readFileSync(path.join(run.out, "performance-quick.svg"), "utf8");
  expect(svg).toContain("sorting numbers against copying them — sort a copy");
});

test("a wrong result in a bench file fails the suite, and the report says which", () => {
  const run = runSuite({ BENCH_FIXTURE_FAIL: "1" });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(
    "failed: the sort is right (scripts/bench/fixtures/sample.bench.ts)",
  );
  const markdown = readFileSync(path.join(run.out, "performance-quick.md"), "utf8");
  expect(markdown).toContain("## Failures");
  // The figures of the groups that ran are still written.
  expect(markdown).toContain("| sorting numbers against copying them | sort a copy |");
});
