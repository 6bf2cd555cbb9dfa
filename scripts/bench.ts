/**
 * The benchmark suite: `pnpm bench` (full: 5 rounds, BENCH_SCALE=10) or `pnpm bench --quick`
 * (3 rounds, BENCH_SCALE=1). Runs `vitest bench` over every *.bench.ts once per round; each
 * round runs every group's targets and floor back to back, so over the rounds they alternate
 * under the same machine load. Takes the median of the per-round medians and writes
 * docs/performance.md and docs/performance.svg (ratios to each group's floor).
 *
 *   pnpm bench [--quick] [--rounds N] [--scale N] [--out docs] [--config file] [file filters…]
 *
 * Exits non-zero when a bench fails (an error or a wrong result), never on a figure.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  aggregateRounds,
  type Machine,
  renderMarkdown,
  renderSvg,
  type VitestJsonReport,
} from "./bench/report.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const { values, positionals } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string" },
    scale: { type: "string" },
    out: { type: "string", default: "docs" },
    /** Another vitest config (its test uses a fixture); default: the repository's projects. */
    config: { type: "string" },
  },
  allowPositionals: true,
});

function positiveInteger(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`${flag} expects a whole number of 1 or more, got "${text}"\n`);
    process.exit(2);
  }
  return value;
}

const mode = values.quick ? "quick" : "full";
const rounds = positiveInteger(values.rounds, values.quick ? 3 : 5, "--rounds");
const scale = positiveInteger(
  values.scale ?? process.env.BENCH_SCALE,
  values.quick ? 1 : 10,
  "--scale",
);
const outDir = path.resolve(root, values.out);

function runVitest(outputFile: string): Promise<number> {
  const args = [
    "vitest",
    "bench",
    "--run",
    // One file at a time: two bench files sharing the cores would measure each other.
    "--no-file-parallelism",
    // A group's run time is its own business (its tinybench time/iterations), not a test budget.
    "--testTimeout=1800000",
    "--reporter=json",
    `--outputFile=${outputFile}`,
    ...(values.config ? [`--config=${path.resolve(values.config)}`] : []),
    ...positionals,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("pnpm", args, {
      cwd: root,
      // BENCH_QUICK lets a bench file shorten its own tinybench time/iterations.
      env: { ...process.env, BENCH_SCALE: String(scale), BENCH_QUICK: values.quick ? "1" : "" },
      // vitest's own output (bench tables, errors) goes to stderr so the user sees progress.
      stdio: ["ignore", process.stderr, process.stderr],
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function gitCommit(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn("git", ["rev-parse", "--short", "HEAD"], { cwd: root });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", () => resolve(undefined));
    child.on("exit", (code) => resolve(code === 0 ? out.trim() : undefined));
  });
}

function machine(): Machine {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

const started = Date.now();
// Per run, so two runs (a test and a real one) never read each other's rounds.
const workDir = await mkdtemp(path.join(os.tmpdir(), "mentora-bench-rounds-"));
const reports: VitestJsonReport[] = [];
let failedRounds = 0;
for (let round = 1; round <= rounds; round++) {
  process.stderr.write(`\n── bench round ${round}/${rounds} (${mode}, BENCH_SCALE=${scale}) ──\n`);
  const outputFile = path.join(workDir, `round-${round}.json`);
  const code = await runVitest(outputFile);
  if (code !== 0) failedRounds++;
  try {
    reports.push(JSON.parse(await readFile(outputFile, "utf8")) as VitestJsonReport);
  } catch {
    process.stderr.write(`round ${round} wrote no report (vitest exited with ${code})\n`);
  }
}

const groups = aggregateRounds(reports, root);
const run = {
  date: new Date(),
  machine: machine(),
  mode,
  rounds,
  scale,
  commit: await gitCommit(),
  durationMs: Date.now() - started,
} as const;
await mkdir(outDir, { recursive: true });
const markdownFile = path.join(outDir, "performance.md");
const svgFile = path.join(outDir, "performance.svg");
await writeFile(markdownFile, renderMarkdown(groups, run, path.basename(svgFile)));
await writeFile(svgFile, renderSvg(groups, run));

const failures = groups.filter((group) => group.failures.length > 0);
process.stderr.write(
  `\nWrote ${path.relative(root, markdownFile)} and ${path.relative(root, svgFile)}: ${groups.length} groups, ${rounds} rounds.\n`,
);
for (const group of groups.filter((g) => g.warning)) {
  process.stderr.write(`warning: ${group.name} (${group.file}): ${group.warning}\n`);
}
if (failures.length > 0 || failedRounds > 0 || reports.length === 0) {
  for (const group of failures) {
    process.stderr.write(`failed: ${group.name} (${group.file})\n`);
  }
  process.stderr.write(`The rounds' vitest reports are kept in ${workDir}\n`);
  process.exitCode = 1;
} else {
  await rm(workDir, { recursive: true, force: true });
}
