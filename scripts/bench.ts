/**
 * The benchmark suite: `pnpm bench` (full: 5 rounds, BENCH_SCALE=10) or `pnpm bench --quick`
 * (3 rounds, BENCH_SCALE=1). Runs `vitest bench` over every *.bench.ts once per round; each
 * round runs every group's targets and floor back to back, so over the rounds they alternate
 * under the same machine load. Takes the median of the per-round medians and writes
 * docs/performance.md and docs/performance.svg (ratios to each group's floor); a quick run
 * writes docs/performance-quick.md and docs/performance-quick.svg instead, so a laptop's
 * scale-1 figures never overwrite the scale-10 ones (decision 074).
 *
 *   pnpm bench [--quick] [--rounds N] [--scale N] [--out docs] [--no-build] [--config file]
 *              [file filters…]
 *
 * When a web bench is selected, the web app is built first (the web benches start the BUILT
 * server: a stale build would measure another commit than the one the report names);
 * `--no-build` uses the build already there.
 *
 * Every round runs against one Postgres the run starts (an embedded cluster, deleted at the end)
 * with the seed cache on: a bench's seeded platform (createSeededTestApp) is built in round 1
 * into a template database and cloned in later rounds instead of seeded again (decision 080).
 *
 * Exits non-zero when a bench fails (an error or a wrong result), never on a figure.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type RunningPostgres, startEmbeddedPostgres } from "@mentora/db/embedded";
import {
  aggregateRounds,
  type BenchNote,
  fileDurations,
  lastNotes,
  type Machine,
  renderMarkdown,
  renderSvg,
  type VitestJsonReport,
} from "./bench/report.ts";
import { filtersOfRound, roundsCap, type SelectedBench, selectBenches } from "./bench/select.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const { values, positionals } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string" },
    scale: { type: "string" },
    out: { type: "string", default: "docs" },
    build: { type: "boolean", default: true },
    /** Another vitest config (its test uses a fixture); default: the repository's projects. */
    config: { type: "string" },
  },
  allowPositionals: true,
  allowNegative: true,
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

/** The bench files a run selects, each with its `// bench-rounds: N` cap. Not with --config. */
function selectedBenches(): SelectedBench[] {
  if (values.config) return [];
  const files = execFileSync("git", ["ls-files", "*.bench.ts"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((file) => file && !file.startsWith("scripts/bench/fixtures/"));
  return selectBenches(files, positionals).map((file) => {
    const maxRounds = roundsCap(readFileSync(path.join(root, file), "utf8"));
    return maxRounds ? { file, maxRounds } : { file };
  });
}

function runCommand(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", process.stderr, "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function runVitest(
  outputFile: string,
  notesFile: string,
  filters: string[],
  postgres: RunningPostgres | undefined,
): Promise<number> {
  const args = [
    "vitest",
    "bench",
    "--run",
    // One file at a time: two bench files sharing the cores would measure each other.
    "--no-file-parallelism",
    // A group's run time is its own business (its tinybench time/iterations), not a test budget.
    "--testTimeout=1800000",
    "--reporter=json",
    `--outputFile.json=${outputFile}`,
    // The figures benches annotate beside their ratios (p99, memory, rows per second).
    `--reporter=${path.join(root, "scripts/bench/notes-reporter.ts")}`,
    ...(values.config ? [`--config=${path.resolve(values.config)}`] : []),
    ...filters,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("pnpm", args, {
      cwd: root,
      // BENCH_QUICK lets a bench file shorten its own tinybench time/iterations.
      env: {
        ...process.env,
        BENCH_SCALE: String(scale),
        BENCH_QUICK: values.quick ? "1" : "",
        BENCH_NOTES_FILE: notesFile,
        // The run's Postgres for every round, and the seeded templates kept in it (decision 080;
        // the variable is @mentora/db/testing's seedCacheVariable).
        ...(postgres ? { DATABASE_URL: postgres.url, MENTORA_BENCH_SEED_CACHE: "1" } : {}),
      },
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
const benches = selectedBenches();
const webBenches = benches
  .map((bench) => bench.file)
  .filter((file) => file.startsWith("apps/web/"));
if (webBenches.length > 0) {
  if (values.build) {
    process.stderr.write(`Building the web app for ${webBenches.join(", ")} (--no-build skips)\n`);
    const code = await runCommand("pnpm", ["--filter", "@mentora/web", "build"]);
    if (code !== 0) {
      process.stderr.write(`The web build failed (exit ${code}): no bench ran.\n`);
      process.exit(1);
    }
  } else if (!existsSync(path.join(root, "apps/web/build/server/index.js"))) {
    process.stderr.write(
      "--no-build, but there is no web build: run `pnpm --filter @mentora/web build` first.\n",
    );
    process.exit(2);
  }
}
// Per run, so two runs (a test and a real one) never read each other's rounds.
const workDir = await mkdtemp(path.join(os.tmpdir(), "mentora-bench-rounds-"));
// One Postgres for every round (not with --config: a fixture's benches need none). Its data
// directory (and every template seeded in it) goes away with it, so no template outlives the
// run that built it; the rounds' own databases are dropped by each round (their prefix).
const postgres =
  benches.length > 0
    ? await startEmbeddedPostgres({
        // os.tmpdir() is traversable by the "postgres" OS user (mkdtemp's 0700 is not).
        dataDir: path.join(os.tmpdir(), `${path.basename(workDir)}-pg`),
        persistent: false,
      })
    : undefined;
const stopPostgres = () => postgres?.stop();
process.once("SIGINT", () => {
  void stopPostgres()?.finally(() => process.exit(130));
});
const reports: VitestJsonReport[] = [];
const notesOfRounds: BenchNote[][] = [];
let failedRounds = 0;
for (let round = 1; round <= rounds; round++) {
  const filters = values.config ? positionals : filtersOfRound(benches, round, rounds, positionals);
  if (!filters) break;
  process.stderr.write(`\n── bench round ${round}/${rounds} (${mode}, BENCH_SCALE=${scale}) ──\n`);
  const capped = benches.filter((bench) => (bench.maxRounds ?? rounds) < round);
  if (capped.length > 0) {
    process.stderr.write(
      `(done after their bench-rounds: ${capped.map((b) => b.file).join(", ")})\n`,
    );
  }
  const outputFile = path.join(workDir, `round-${round}.json`);
  const notesFile = path.join(workDir, `round-${round}.notes.json`);
  const code = await runVitest(outputFile, notesFile, filters, postgres);
  if (code !== 0) failedRounds++;
  try {
    reports.push(JSON.parse(await readFile(outputFile, "utf8")) as VitestJsonReport);
  } catch {
    process.stderr.write(`round ${round} wrote no report (vitest exited with ${code})\n`);
  }
  if (existsSync(notesFile)) {
    notesOfRounds.push(JSON.parse(await readFile(notesFile, "utf8")) as BenchNote[]);
  }
}

await stopPostgres();

const groups = aggregateRounds(reports, root);
const run = {
  date: new Date(),
  machine: machine(),
  mode,
  rounds,
  scale,
  commit: await gitCommit(),
  durationMs: Date.now() - started,
  files: fileDurations(reports, root),
  notes: lastNotes(notesOfRounds, root),
} as const;
await mkdir(outDir, { recursive: true });
// The full run's figures are the ones the table reads; a quick run has its own file.
const baseName = mode === "quick" ? "performance-quick" : "performance";
const markdownFile = path.join(outDir, `${baseName}.md`);
const svgFile = path.join(outDir, `${baseName}.svg`);
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
