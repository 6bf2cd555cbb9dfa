import pg from "pg";
import { afterAll, expect, test } from "vitest";
import type { App } from "../app/index.ts";
import { seedBookedPlatform } from "../availability/testing/platform-seed.ts";
import { errorCodeOf } from "../errors/index.ts";
import { backendsCpuMs } from "../testing/backends-cpu.ts";
import { createSeededTestApp } from "../testing/index.ts";
import { holdSlot } from "./hold-slot.ts";
import { createMentorWithOfferings, createUser, nextMondayAt } from "./testing/bookings.ts";

// A burst of holds on one one-to-one slot (issue #14: 200 concurrent holds 2.1 s vs 33 ms for
// one, 64×; goal ≤ 10×), side by side with its floor: one hold on a free slot. Every round
// takes a fresh slot (next hour, then next day) so each race starts from an empty slot. On a
// platform of BENCH_SCALE × 10,000 live bookings (BENCH_SCALE × 100 other mentors, 100 booked
// sessions each, in the same weeks), as offered-slots.bench.ts: a hold's reads (the mentor's
// sessions, the mentee's open holds, the slot) must stay range reads as the platform grows.
const racers = 200;
const scale = Number(process.env.BENCH_SCALE ?? 1);
let app: App | undefined;
afterAll(async () => {
  await app?.close();
});

/** The seeded platform, the racing mentees and a fresh slot per call (shared by the tests). */
let fixture: ReturnType<typeof setUp> | undefined;
async function setUp() {
  // Seeded once per `pnpm bench` run and cloned in later rounds (a fresh copy each round: the
  // holds write), decision 080.
  const from = nextMondayAt(0);
  const { app: seededApp, seeded } = await createSeededTestApp(
    `hold-slot: ${scale * 100} booked mentors × 100 sessions from ${from.toISOString()}, ${racers} mentees`,
    async (app) => {
      await seedBookedPlatform(app, { mentors: scale * 100, sessionsPerMentor: 100, from });
      const { paidOption } = await createMentorWithOfferings(app);
      const mentees = await Promise.all(
        Array.from({ length: racers }, (_, i) => createUser(app, `Racer ${i}`)),
      );
      return { paidOptionId: paidOption.id, menteeIds: mentees.map((mentee) => mentee.id) };
    },
    // Open holds per mentee capped high: a racer may win many rounds.
    { MAX_OPEN_HOLDS: "100000", RATE_LIMITS: "mutation=100000000" },
  );
  app = seededApp;
  const current = app;
  const paidOption = { id: seeded.paidOptionId };
  const mentees = seeded.menteeIds.map((id) => ({ id }));
  let slot = 0;
  // Every other hour 08:00–18:00 UTC (a 60-minute session plus its 15-minute buffer), every day
  // of weeks 1..8: inside the mentor's hours and horizon, never overlapping an earlier round.
  const nextSlot = () => {
    const n = slot++;
    const hour = 8 + 2 * (n % 6);
    const day = Math.floor(n / 6) % 7;
    const week = 1 + Math.floor(n / 42);
    return new Date(nextMondayAt(hour, week).getTime() + day * 86_400_000);
  };
  const hold = async (menteeId: string, startsAt: Date) => {
    try {
      await holdSlot(current, { menteeId, optionId: paidOption.id, startsAt });
      return "OK";
    } catch (error) {
      return errorCodeOf(error) ?? String(error);
    }
  };
  const race = async () => {
    const startsAt = nextSlot();
    return Promise.all(mentees.map((mentee) => hold(mentee.id, startsAt)));
  };
  const one = () => hold(mentees[0]?.id as string, nextSlot());
  return { app: current, race, one };
}
const setUpOnce = () => {
  fixture ??= setUp();
  return fixture;
};

test(`${racers} concurrent holds on one slot vs one hold`, { timeout: 600_000 }, async ({
  bench,
}) => {
  const { race, one } = await setUpOnce();
  const first = await race();
  expect(first.filter((r) => r === "OK")).toHaveLength(1);
  expect(first.filter((r) => r === "SLOT_TAKEN")).toHaveLength(racers - 1);
  await bench.compare(
    bench(`${racers} holds on one slot`, async () => {
      await race();
    }),
    bench("floor: one hold", async () => {
      expect(await one()).toBe("OK");
    }),
    // A race took seconds on a shared machine (before decision 081): a few rounds each.
    { time: 0, iterations: 10, warmupIterations: 1 },
  );
});

/** Statements sent (as the pg client receives them) and CPU ms (this process + backends) of `work`. */
async function cost(current: App, work: () => Promise<unknown>) {
  let statements = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    statements += 1;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const backends = await backendsCpuMs(current);
  const own = process.cpuUsage();
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  const used = process.cpuUsage(own);
  const node = (used.user + used.system) / 1_000;
  const db = (await backendsCpuMs(current)) - backends;
  return { statements, node, db };
}

// Not a timing: statements and CPU (this process + the database's backends) of a race and of
// one hold (the mean of 10 in a row: the backends' CPU comes in 10 ms ticks), alternating, so
// what the 199 losers cost is read apart from the machine's load.
test(`${racers} concurrent holds on one slot: statements and CPU`, { timeout: 600_000 }, async ({
  annotate,
}) => {
  const { app: current, race, one } = await setUpOnce();
  const lones = 10;
  const lines: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    const ten = await cost(current, async () => {
      for (let i = 0; i < lones; i += 1) expect(await one()).toBe("OK");
    });
    const lone = { statements: ten.statements / lones, node: ten.node / lones, db: ten.db / lones };
    let results: string[] = [];
    const burst = await cost(current, async () => {
      results = await race();
    });
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "SLOT_TAKEN")).toHaveLength(racers - 1);
    const total = (c: { node: number; db: number }) => c.node + c.db;
    const perLoser = (key: "statements" | "node" | "db") =>
      ((burst[key] - lone[key]) / (racers - 1)).toFixed(key === "statements" ? 2 : 3);
    lines.push(
      `race: ${burst.statements} statements, CPU ${burst.node.toFixed(1)} + ${burst.db} ms (Node + backends); one hold: ${lone.statements} statements, CPU ${lone.node.toFixed(1)} + ${lone.db.toFixed(1)} ms; per loser ${perLoser("statements")} statements, ${perLoser("node")} + ${perLoser("db")} ms; race ÷ one hold in CPU ${(total(burst) / total(lone)).toFixed(2)}×`,
    );
  }
  const text = lines.join("\n  ");
  await annotate(text);
  process.stderr.write(`${text}\n`);
});
