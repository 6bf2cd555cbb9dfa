import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { loadBookableOption, offeredSlots } from "./offered-slots.ts";
import { seedBookedPlatform } from "./testing/platform-seed.ts";

// One mentor's slots for a week on a platform of BENCH_SCALE × 10,000 live bookings (BENCH_SCALE
// × 100 other mentors, 100 booked sessions each, all in the same weeks). Floor: the mentor's own
// rows the slots are made of (rules, overrides, sessions), read without counting anything.
const scale = Number(process.env.BENCH_SCALE ?? 1);
let app: App | undefined;
afterAll(async () => {
  await app?.close();
});

test("offered slots (7 days) vs the mentor's own rows", async ({ bench }) => {
  const created = await createTestApp();
  app = created;
  const prisma = created.prisma;
  const from = nextMondayAt(0);
  const to = new Date(from.getTime() + 7 * 86_400_000);
  const now = new Date();
  await seedBookedPlatform(app, { mentors: scale * 100, sessionsPerMentor: 100, from });
  const { mentor, paidOption, groupOption } = await createMentorWithOfferings(app);
  // The mentor's own week: a few 1:1 sessions and a group session with two seats taken.
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
          menteeId: (await createUser(created, `Bench Mentee ${seat}`)).id,
          status: "CONFIRMED",
          offeringTitle: "Bench",
          durationMinutes: 60,
          priceMinor: 5_000,
          currency: "EUR",
        },
      });
    }
  };
  for (const day of [0, 1, 2, 3]) await book(paidOption.id, paidOption.offeringId, day * 24 + 9, 1);
  await book(groupOption.id, groupOption.offeringId, 5 * 24 + 9, 2);
  const paid = await loadBookableOption(prisma, paidOption.id);
  const group = await loadBookableOption(prisma, groupOption.id);
  if (!paid || !group) throw new Error("bench options missing");
  const wideFrom = new Date(from.getTime() - 86_400_000);
  const wideTo = new Date(to.getTime() + 86_400_000);

  await bench.compare(
    bench("slots of a 1:1 option", async () => {
      await offeredSlots(prisma, paid, { from, to, now });
    }),
    bench("slots of a group option", async () => {
      await offeredSlots(prisma, group, { from, to, now });
    }),
    bench("floor: the mentor's rules, overrides and sessions", async () => {
      await Promise.all([
        prisma.availabilityRule.findMany({ where: { mentorId: mentor.id } }),
        prisma.availabilityOverride.findMany({
          where: { mentorId: mentor.id, date: { gte: wideFrom, lte: wideTo } },
        }),
        prisma.mentoringSession.findMany({
          where: {
            mentorId: mentor.id,
            status: "SCHEDULED",
            startsAt: { lt: wideTo },
            blockedUntil: { gt: wideFrom },
          },
          select: { id: true, optionId: true, startsAt: true, endsAt: true, capacity: true },
        }),
      ]);
    }),
  );
}, 900_000);
