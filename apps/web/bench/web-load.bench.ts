import { readFile, writeFile } from "node:fs/promises";
import { createPrismaClient, type Db } from "@mentora/db";
import { afterAll, expect, inject, test } from "vitest";
import { addPaidOffering, createMentor } from "../e2e/db.ts";
import "../e2e/context.ts";
import { type ProductionWeb, startProductionWeb } from "./production-server.ts";

// HTTP load against the BUILT web server run as production (`pnpm --filter @mentora/web build`
// first; NODE_ENV=production, the tracing preload, see production-server.ts), each page side by
// side with its floor. One bench iteration is a round of REQUESTS requests kept
// CONCURRENCY in flight (an autocannon-like loop on fetch), so the medians compare rounds.
// BENCH_SCALE is not read: the data these pages show does not grow with it, and rounds of HTTP
// load at the suite's scale 10 would take many minutes on two cores.
const REQUESTS = 50;
const CONCURRENCY = 8;
const run = { time: 0, iterations: 4, warmupIterations: 1, warmupTime: 0 };

let pair: ProductionWeb | undefined;
let db: Db | undefined;
afterAll(async () => {
  await pair?.stop();
  await db?.$disconnect();
});

/** Sends `count` GETs, `concurrency` at a time; every answer must be 200 (body read). */
export async function load(url: string, count = REQUESTS, concurrency = CONCURRENCY) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function servers() {
  if (pair) return pair;
  // BENCH_WEB_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the web server.
  pair = await startProductionWeb(inject("webDbRun"));
  db = createPrismaClient({ connectionString: pair.databaseUrl });
  return pair;
}

/** A mentor as the issue measured it: three offerings (four durations), hours every day. */
async function mentorWithThreeOfferings(target: ProductionWeb) {
  const client = db as Db;
  const t = { baseUrl: target.baseUrl, db: client };
  const mentor = await createMentor(
    { name: "Bench Mentor", email: `bench-${Date.now()}@example.com` },
    t,
  );
  await addPaidOffering(mentor.id, t);
  for (const [title, durations] of [
    ["Code review", [30, 45]],
    ["Architecture session", [90]],
  ] as const) {
    await client.offering.create({
      data: {
        mentorId: mentor.id,
        title,
        description: `${title}, paid.`,
        kind: "ONE_TO_ONE",
        options: {
          create: durations.map((durationMinutes) => ({
            durationMinutes,
            priceMinor: durationMinutes * 100,
            currency: "EUR",
          })),
        },
      },
    });
  }
  return mentor;
}

/** `load`, keeping each request's latency (ms, fetch to body read) in `latencies`. */
async function loadTimed(url: string, latencies: number[]) {
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      next += 1;
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** CPU time (user + system, ms) a process has used so far, from /proc (clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

test("web: mentor page /mentors/:id vs the directory page /mentors", async ({
  bench,
  annotate,
}) => {
  const target = await servers();
  const mentor = await mentorWithThreeOfferings(target);
  const page = await fetch(`${target.baseUrl}/mentors/${mentor.id}`);
  expect(page.status).toBe(200);
  const profileHtml = await page.text();
  expect(profileHtml).toContain("Architecture session");
  // The scheduler's deep link (decisions 047, 057): a month's free days and one day's times.
  const offering = await (db as Db).offering.findFirstOrThrow({
    where: { mentorId: mentor.id, title: "Code review" },
  });
  const scheduler = `${target.baseUrl}/mentors/${mentor.id}/${offering.id}?duration=45`;
  const html = await (await fetch(scheduler)).text();
  // BENCH_WEB_HTML_DIR=/tmp/x keeps the pages' HTML, to see what their bytes are.
  if (process.env.BENCH_WEB_HTML_DIR) {
    const dir = process.env.BENCH_WEB_HTML_DIR;
    await writeFile(`${dir}/deep-link.html`, html);
    await writeFile(`${dir}/profile.html`, profileHtml);
    await writeFile(
      `${dir}/directory.html`,
      await (await fetch(`${target.baseUrl}/mentors`)).text(),
    );
  }
  expect(html).toContain('data-testid="slot"');
  expect(html).toContain('data-testid="free-day"');
  // Latency of every request (8 in flight), per page: the p99 goal is per request, not per round.
  const latencies = {
    profile: [] as number[],
    deepLink: [] as number[],
    directory: [] as number[],
  };
  await bench.compare(
    bench("/mentors/:id (3 offerings)", () =>
      loadTimed(`${target.baseUrl}/mentors/${mentor.id}`, latencies.profile),
    ),
    bench("/mentors/:id/:offering (scheduler deep link, a month)", () =>
      loadTimed(scheduler, latencies.deepLink),
    ),
    bench("floor: /mentors (the directory)", () =>
      loadTimed(`${target.baseUrl}/mentors`, latencies.directory),
    ),
    run,
  );
  const line = (name: string, values: number[]) =>
    `${name}: p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms (${values.length} requests, ${CONCURRENCY} in flight)`;
  // And one request at a time (no queueing behind the 7 others): the page's own latency.
  const alone = { profile: [] as number[], deepLink: [] as number[], directory: [] as number[] };
  for (let i = 0; i < REQUESTS; i += 1) {
    for (const [url, into] of [
      [`${target.baseUrl}/mentors/${mentor.id}`, alone.profile],
      [scheduler, alone.deepLink],
      [`${target.baseUrl}/mentors`, alone.directory],
    ] as const) {
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      into.push(performance.now() - started);
    }
  }
  const sequential = (name: string, values: number[]) =>
    `${name}: p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms (${values.length} requests, one at a time)`;
  const bytes = async (url: string) => (await (await fetch(url)).arrayBuffer()).byteLength;
  // Not a timing: the server's own CPU per page (user + system from /proc over 100 requests,
  // 8 in flight, gzip accepted as a browser does), which holds on a shared machine where the
  // wall clock does not. Under load a request waits for the CPU of the others in flight: the
  // p99 follows this figure.
  // The database's backends too (decision 078): the pages differ in statements, and on two
  // cores the backends' CPU is part of every page's wall clock.
  const pid = target.web.child.pid ?? 0;
  const backendsCpuMs = async () => {
    const rows = await (db as Db).$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
    let total = 0;
    for (const row of rows) total += await cpuMs(row.pid).catch(() => 0);
    return total;
  };
  const cpuPerPage = async (url: string) => {
    await load(url, 16);
    const before = await cpuMs(pid);
    const backends = await backendsCpuMs();
    await load(url, 100);
    const server = ((await cpuMs(pid)) - before) / 100;
    return `${server.toFixed(1)} ms (+ database ${(((await backendsCpuMs()) - backends) / 100).toFixed(1)})`;
  };
  const cpu = {
    profile: await cpuPerPage(`${target.baseUrl}/mentors/${mentor.id}`),
    deepLink: await cpuPerPage(scheduler),
    directory: await cpuPerPage(`${target.baseUrl}/mentors`),
  };
  const report = [
    `HTML bytes: /mentors/:id ${await bytes(`${target.baseUrl}/mentors/${mentor.id}`)}, deep link ${await bytes(scheduler)}, /mentors ${await bytes(`${target.baseUrl}/mentors`)}`,
    `server CPU per page: /mentors/:id ${cpu.profile}, deep link ${cpu.deepLink}, /mentors ${cpu.directory} (100 requests each, 8 in flight)`,
    line("/mentors/:id", latencies.profile),
    line("/mentors/:id/:offering", latencies.deepLink),
    line("/mentors", latencies.directory),
    sequential("/mentors/:id", alone.profile),
    sequential("/mentors/:id/:offering", alone.deepLink),
    sequential("/mentors", alone.directory),
  ].join("\n  ");
  await annotate(`web mentor page latency:\n  ${report}`);
  process.stderr.write(`web mentor page latency:\n  ${report}\n`);
});

// The tRPC/health group and the memory rounds moved to web-server.bench.ts (decision 059).
