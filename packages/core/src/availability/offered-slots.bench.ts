import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { App } from "../app/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../bookings/testing/bookings.ts";
import { backendsCpuMs } from "../testing/backends-cpu.ts";
import { createSeededTestApp } from "../testing/index.ts";
import {
  type BookableOption,
  loadBookableOption,
  offeredSlots,
  slotSourcesQuery,
} from "./offered-slots.ts";
import { seedBookedPlatform } from "./testing/platform-seed.ts";

// One mentor's slots (hours 06:00–22:00 every day, 120 days ahead) for 7, 30 and 90 days on a
// platform of BENCH_SCALE × 10,000 live bookings (BENCH_SCALE × 100 other mentors, 100 booked
// sessions each, in the same weeks). Each window is a group per option kind; the floor is the
// SQL the service runs for that option (its reads, done bare), so the ratio is what computing
// and shaping the slots adds to it. A last group runs the same mentor's slot SQL on a platform
// ten times larger against a platform of the base size (two databases, one run, both seeded
// and settled before the first group is measured).
const scale = Number(process.env.BENCH_SCALE ?? 1);
const quick = Boolean(process.env.BENCH_QUICK);
const run = quick ? { time: 300, warmupTime: 50 } : { time: 1_000, warmupTime: 100 };
const DAY_MS = 86_400_000;
const apps: App[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

type Fixture = {
  app: App;
  mentorId: string;
  paid: BookableOption;
  group: BookableOption;
  from: Date;
  now: Date;
};

/**
 * A platform of `mentors` booked mentors plus the measured mentor with a booked first week.
 * Seeded once per `pnpm bench` run and cloned in later rounds (decision 080).
 */
async function fixture(mentors: number): Promise<Fixture> {
  const from = nextMondayAt(0);
  const { app, seeded } = await createSeededTestApp(
    `offered-slots: ${mentors} booked mentors × 100 sessions from ${from.toISOString()}`,
    (app) => seedFixture(app, mentors, from),
  );
  apps.push(app);
  const now = new Date();
  const paid = await loadBookableOption(app.prisma, seeded.paidOptionId);
  const group = await loadBookableOption(app.prisma, seeded.groupOptionId);
  if (!paid || !group) throw new Error("bench options missing");
  return { app, mentorId: seeded.mentorId, paid, group, from, now };
}

async function seedFixture(app: App, mentors: number, from: Date) {
  const { prisma } = app;
  await seedBookedPlatform(app, { mentors, sessionsPerMentor: 100, from });
  const { mentor, paidOption, groupOption } = await createMentorWithOfferings(app);
  await prisma.mentorProfile.update({ where: { userId: mentor.id }, data: { horizonDays: 120 } });
  // The mentor's own weeks: a few 1:1 sessions and a group session with two seats taken.
  const book = async (optionId: string, offeringId: string, hour: number, seats: number) => {
    const startsAt = new Date(from.getTime() + hour * 3_600_000);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    const session = await prisma.mentoringSession.create({
      data: {
        mentorId: mentor.id,
        offeringId,
        optionId,
        startsAt,
        endsAt,
        blockedUntil: new Date(endsAt.getTime() + 15 * 60_000),
        capacity: 3,
      },
    });
    for (let seat = 0; seat < seats; seat += 1) {
      await prisma.booking.create({
        data: {
          sessionId: session.id,
          menteeId: (await createUser(app, `Bench Mentee ${seat}`)).id,
          status: "CONFIRMED",
          offeringTitle: "Bench",
          durationMinutes: 60,
          priceMinor: 5_000,
          currency: "EUR",
        },
      });
    }
  };
  for (const day of [0, 1, 2, 3, 10, 20, 40, 60, 80]) {
    await book(paidOption.id, paidOption.offeringId, day * 24 + 9, 1);
  }
  for (const day of [5, 33, 70])
    await book(groupOption.id, groupOption.offeringId, day * 24 + 9, 2);
  // The platform at rest, as autovacuum leaves a live one (visibility maps, hint bits), not
  // straight out of a bulk load: both platforms measured in the same state (decision 072).
  await prisma.$executeRawUnsafe(
    'VACUUM (ANALYZE) "user", mentor_profile, offering, offering_option, mentoring_session, booking, availability_rule, availability_override, calendar_busy',
  );
  return { mentorId: mentor.id, paidOptionId: paidOption.id, groupOptionId: groupOption.id };
}

/** The statement offeredSlots sends for [from, to), done bare (decision 077: one statement). */
async function slotSql(f: Fixture, days: number, option: BookableOption) {
  const wideFrom = new Date(f.from.getTime() - DAY_MS);
  const wideTo = new Date(f.from.getTime() + (days + 1) * DAY_MS);
  const groupOptionId = option.offering.kind === "GROUP" ? option.id : null;
  const query = slotSourcesQuery(f.mentorId, groupOptionId, wideFrom, wideTo);
  await f.app.prisma.$queryRawUnsafe(query.text, ...query.values);
}

let base: Fixture;
/** The platform ten times larger, for the groups that compare the same mentor on both. */
let large: Fixture;
beforeAll(async () => {
  base = await fixture(scale * 100);
  large = await fixture(scale * 1_000);
  await settle(large);
}, 1_800_000);

/**
 * Both platforms seeded before any group is measured, then their writes flushed: Postgres's
 * dirty buffers (CHECKPOINT) and the kernel's dirty pages (`sync`). Seeding the 10× platform
 * inside its group measured its target while the bulk load's pages were still being written
 * back on the same two cores, and its floor (the 1× platform, seeded minutes earlier) after:
 * an asymmetry of the bench, not of the SQL (decision 077).
 */
async function settle(f: Fixture) {
  await f.app.prisma.$executeRawUnsafe("CHECKPOINT");
  await promisify(execFile)("sync");
}

for (const days of [7, 30, 90]) {
  for (const kind of ["1:1", "group"] as const) {
    test(`offered slots, ${kind} option (${days} days) vs the SQL it runs`, async ({ bench }) => {
      const option = kind === "group" ? base.group : base.paid;
      const to = new Date(base.from.getTime() + days * DAY_MS);
      const range = { from: base.from, to, now: base.now };
      await bench.compare(
        bench(`slots of a ${kind} option`, async () => {
          await offeredSlots(base.app.prisma, option, range);
        }),
        bench("floor: the same reads, bare", async () => {
          await slotSql(base, days, option);
        }),
        run,
      );
    }, 900_000);
  }
}

test("slot SQL of one mentor (30 days): 10× platform vs 1×", async ({ bench }) => {
  await bench.compare(
    bench("slot SQL on a 10× platform", async () => {
      await slotSql(large, 30, large.group);
    }),
    bench("floor: slot SQL on a 1× platform", async () => {
      await slotSql(base, 30, base.group);
    }),
    run,
  );
}, 1_800_000);

/**
 * The statements offeredSlots sends for one option, as the pg client receives them (text and
 * values), each with the shared buffers it touches (hit + read) from EXPLAIN (ANALYZE, BUFFERS).
 */
async function slotStatementBuffers(f: Fixture, days: number, option: BookableOption) {
  const sent: { text: string; values: unknown[] }[] = [];
  const query = pg.Client.prototype.query;
  // Only while offeredSlots runs: every statement it sends, in order.
  pg.Client.prototype.query = function capture(this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[]];
    if (typeof config === "string") sent.push({ text: config, values: values ?? [] });
    else if (config && typeof config === "object" && "text" in config) {
      sent.push({ text: config.text, values: config.values ?? [] });
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    const to = new Date(f.from.getTime() + days * DAY_MS);
    await offeredSlots(f.app.prisma, option, { from: f.from, to, now: f.now });
  } finally {
    pg.Client.prototype.query = query;
  }
  const client = await f.app.pool.connect();
  try {
    const lines: string[] = [];
    for (const statement of sent.filter((s) => /^\s*SELECT/i.test(s.text))) {
      const explained = await client.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
        statement.values,
      );
      const [plan] = explained.rows[0]["QUERY PLAN"] as {
        Plan: Record<string, unknown>;
        Planning?: Record<string, unknown>;
        "Planning Time"?: number;
        "Execution Time"?: number;
      }[];
      const top = plan?.Plan ?? {};
      const planning = plan?.Planning ?? {};
      const blocks = (node: Record<string, unknown>) =>
        Number(node["Shared Hit Blocks"] ?? 0) + Number(node["Shared Read Blocks"] ?? 0);
      const table =
        /FROM "public"\."(\w+)"/.exec(statement.text)?.[1] ?? "slot sources (one statement)";
      lines.push(
        `${table}: ${blocks(top)} buffers (${planNodes(top).join(" > ")}); planning ${blocks(planning)} buffers, ${plan?.["Planning Time"]} ms; execution ${plan?.["Execution Time"]} ms`,
      );
    }
    return lines;
  } finally {
    client.release();
  }
}

/** The plan's node types, the indexes they use and their buffers, depth first. */
function planNodes(node: Record<string, unknown>): string[] {
  const buffers = Number(node["Shared Hit Blocks"] ?? 0) + Number(node["Shared Read Blocks"] ?? 0);
  const self = `${node["Node Type"]}${node["Index Name"] ? ` ${node["Index Name"]}` : ""} ${buffers}`;
  const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [self, ...children.flatMap(planNodes)];
}

/** CPU µs per call of `work`: this process's and the database backends', over `calls` calls. */
async function cpuPerCall(f: Fixture, calls: number, work: () => Promise<unknown>) {
  const backends = await backendsCpuMs(f.app);
  const own = process.cpuUsage();
  for (let call = 0; call < calls; call += 1) await work();
  const used = process.cpuUsage(own);
  const node = (used.user + used.system) / calls;
  const db = (((await backendsCpuMs(f.app)) - backends) * 1_000) / calls;
  return { node, db, total: node + db };
}

// Not a timing: the buffers each slot statement of the same mentor touches on both platforms
// (deterministic, unlike times on a shared machine). Flat means none of them grows with the
// platform's other mentors, sessions and bookings.
test("slot SQL buffers of one mentor (30 days): 10× platform vs 1×", async ({ annotate }) => {
  const report = [
    "slot SQL buffers, 1× platform:",
    ...(await slotStatementBuffers(base, 30, base.group)),
    "slot SQL buffers, 10× platform:",
    ...(await slotStatementBuffers(large, 30, large.group)),
  ];
  // CPU per call of the same SQL on both platforms, alternating (first one, then the other).
  const calls = quick ? 300 : 1_000;
  for (let round = 0; round < 4; round += 1) {
    const order = round % 2 === 0 ? [base, large] : [large, base];
    const us = new Map<Fixture, number>();
    for (const f of order) {
      us.set(f, (await cpuPerCall(f, calls, () => slotSql(f, 30, f.group))).total);
    }
    const small = us.get(base) ?? 0;
    const ten = us.get(large) ?? 0;
    report.push(
      `CPU per call (Node + backends): 1× ${small.toFixed(0)} µs, 10× ${ten.toFixed(0)} µs: ${(ten / small).toFixed(2)}×`,
    );
  }
  const text = report.join("\n  ");
  await annotate(text);
  process.stderr.write(`${text}\n`);
  expect(text).toContain("mentoring_session");
}, 1_800_000);

// Not a timing: CPU per call (this process + the database's backends) of the slots against
// their SQL at each window, alternating target and floor, on the base platform.
test("offered slots CPU per call vs the SQL it runs", async ({ annotate }) => {
  const calls = quick ? 200 : 500;
  const lines: string[] = [];
  for (const days of [7, 30, 90]) {
    for (const kind of ["1:1", "group"] as const) {
      const option = kind === "group" ? base.group : base.paid;
      const to = new Date(base.from.getTime() + days * DAY_MS);
      const range = { from: base.from, to, now: base.now };
      const ratios: number[] = [];
      const added: number[] = [];
      for (let round = 0; round < 4; round += 1) {
        const slots = () =>
          cpuPerCall(base, calls, () => offeredSlots(base.app.prisma, option, range));
        const floor = () => cpuPerCall(base, calls, () => slotSql(base, days, option));
        // Alternating which goes first, so drift in the machine's load falls on both.
        const first = round % 2 === 0 ? await slots() : await floor();
        const second = round % 2 === 0 ? await floor() : await slots();
        const [target, sql] = round % 2 === 0 ? [first, second] : [second, first];
        ratios.push(target.total / sql.total);
        // The backends run the same statements for both: what slots add is this process's.
        added.push(target.node - sql.node);
      }
      ratios.sort((x, y) => x - y);
      added.sort((x, y) => x - y);
      lines.push(
        `${kind} ${days} days: slots ÷ SQL by round ${ratios.map((r) => r.toFixed(2)).join(", ")}; Node CPU added per call ${added.map((us) => us.toFixed(0)).join(", ")} µs`,
      );
    }
  }
  const text = `CPU per call (Node + backends), offered slots ÷ the SQL it runs:\n  ${lines.join("\n  ")}`;
  await annotate(text);
  process.stderr.write(`${text}\n`);
  expect(lines).toHaveLength(6);
}, 1_800_000);
