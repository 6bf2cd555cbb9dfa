import { createPrismaClient, type Db } from "@mentora/db";
import { afterAll, expect, inject, test } from "vitest";
import { addPaidOffering, createMentor } from "../e2e/db.ts";
import { type ServerPair, startServerPair } from "../e2e/servers.ts";
import "../e2e/context.ts";

// HTTP load against the BUILT web server (`pnpm --filter @mentora/web build` first), each page
// side by side with its floor. One bench iteration is a round of REQUESTS requests kept
// CONCURRENCY in flight (an autocannon-like loop on fetch), so the medians compare rounds.
// BENCH_SCALE is not read: the data these pages show does not grow with it, and rounds of HTTP
// load at the suite's scale 10 would take many minutes on two cores.
const REQUESTS = 50;
const CONCURRENCY = 8;
const run = { time: 0, iterations: 4, warmupIterations: 1, warmupTime: 0 };

let pair: ServerPair | undefined;
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
  const nodeOptions = process.env.BENCH_WEB_NODE_OPTIONS;
  pair = await startServerPair(inject("webDbRun"), {
    label: "bench",
    worker: false,
    ...(nodeOptions ? { env: { NODE_OPTIONS: nodeOptions } } : {}),
  });
  db = createPrismaClient({ connectionString: pair.databaseUrl });
  return pair;
}

/** A mentor as the issue measured it: three offerings (four durations), hours every day. */
async function mentorWithThreeOfferings(target: ServerPair) {
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

test("web: mentor page /mentors/:id vs the directory page /mentors", async ({ bench }) => {
  const target = await servers();
  const mentor = await mentorWithThreeOfferings(target);
  const page = await fetch(`${target.baseUrl}/mentors/${mentor.id}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Architecture session");
  // The scheduler of one offering (decision 047): one month of one duration, one slots query.
  const offering = await (db as Db).offering.findFirstOrThrow({
    where: { mentorId: mentor.id, title: "Code review" },
  });
  const scheduler = `${target.baseUrl}/mentors/${mentor.id}/${offering.id}?duration=45`;
  const html = await (await fetch(scheduler)).text();
  expect(html).toContain('data-testid="slot"');
  await bench.compare(
    bench("/mentors/:id (3 offerings)", () => load(`${target.baseUrl}/mentors/${mentor.id}`)),
    bench("/mentors/:id/:offering (scheduler, a month)", () => load(scheduler)),
    bench("floor: /mentors (the directory)", () => load(`${target.baseUrl}/mentors`)),
    run,
  );
});

// The tRPC/health group and the memory rounds moved to web-server.bench.ts (decision 059).
