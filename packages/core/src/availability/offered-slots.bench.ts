import { afterAll, beforeAll, test } from "vitest";
import type { App } from "../app/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import {
  type BookableOption,
  loadBookableOption,
  maxSessionBlockMs,
  offeredSlots,
} from "./offered-slots.ts";
import { seedBookedPlatform } from "./testing/platform-seed.ts";

// One mentor's slots (hours 06:00–22:00 every day, 120 days ahead) for 7, 30 and 90 days on a
// platform of BENCH_SCALE × 10,000 live bookings (BENCH_SCALE × 100 other mentors, 100 booked
// sessions each, in the same weeks). Each window is a group per option kind; the floor is the
// SQL the service runs for that option (its reads, done bare), so the ratio is what computing
// and shaping the slots adds to it. A last group runs the same mentor's slot SQL on a platform
// ten times larger against a platform of the base size (two databases, one run).
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

/** A platform of `mentors` booked mentors plus the measured mentor with a booked first week. */
async function fixture(mentors: number): Promise<Fixture> {
  const app = await createTestApp();
  apps.push(app);
  const { prisma } = app;
  const from = nextMondayAt(0);
  const now = new Date();
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
  const paid = await loadBookableOption(prisma, paidOption.id);
  const group = await loadBookableOption(prisma, groupOption.id);
  if (!paid || !group) throw new Error("bench options missing");
  return { app, mentorId: mentor.id, paid, group, from, now };
}

/** The reads offeredSlots makes for [from, to), done bare (plus the seat count for a group). */
async function slotSql(f: Fixture, days: number, option: BookableOption) {
  const { prisma } = f.app;
  const wideFrom = new Date(f.from.getTime() - DAY_MS);
  const wideTo = new Date(f.from.getTime() + (days + 1) * DAY_MS);
  const [, , sessions] = await Promise.all([
    prisma.availabilityRule.findMany({ where: { mentorId: f.mentorId } }),
    prisma.availabilityOverride.findMany({
      where: { mentorId: f.mentorId, date: { gte: wideFrom, lte: wideTo } },
    }),
    prisma.mentoringSession.findMany({
      where: {
        mentorId: f.mentorId,
        status: "SCHEDULED",
        startsAt: { gte: new Date(wideFrom.getTime() - maxSessionBlockMs), lt: wideTo },
        blockedUntil: { gt: wideFrom },
      },
      select: { id: true, optionId: true, startsAt: true, endsAt: true, capacity: true },
    }),
    prisma.calendarBusy.findMany({
      where: { mentorId: f.mentorId, startsAt: { lt: wideTo }, endsAt: { gt: wideFrom } },
      select: { startsAt: true, endsAt: true },
    }),
  ]);
  if (option.offering.kind !== "GROUP") return;
  const own = sessions.filter((session) => session.optionId === option.id);
  if (own.length === 0) return;
  await prisma.booking.groupBy({
    by: ["sessionId"],
    where: {
      sessionId: { in: own.map((session) => session.id) },
      status: { in: ["PENDING_PAYMENT", "CONFIRMED"] },
    },
    _count: { _all: true },
  });
}

let base: Fixture;
beforeAll(async () => {
  base = await fixture(scale * 100);
}, 900_000);

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
  const big = await fixture(scale * 1_000);
  await bench.compare(
    bench("slot SQL on a 10× platform", async () => {
      await slotSql(big, 30, big.group);
    }),
    bench("floor: slot SQL on a 1× platform", async () => {
      await slotSql(base, 30, base.group);
    }),
    run,
  );
}, 1_800_000);
