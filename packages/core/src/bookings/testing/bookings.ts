import { randomUUID } from "node:crypto";
import type { App } from "../../app/index.ts";

/** A Monday far enough ahead that notice and horizon never interfere, 10:00 in Paris. */
export function nextMondayAt(hourUtc: number, weeksAhead = 1): Date {
  const date = new Date();
  date.setUTCHours(hourUtc, 0, 0, 0);
  const daysToMonday = (8 - date.getUTCDay()) % 7 || 7;
  date.setUTCDate(date.getUTCDate() + daysToMonday + 7 * (weeksAhead - 1));
  return date;
}

export async function createUser(app: App, name: string, extra: { timezone?: string } = {}) {
  const id = randomUUID();
  return app.prisma.user.create({
    data: { id, name, email: `${id}@bookings.test`, emailVerified: true, ...extra },
  });
}

/**
 * An approved mentor in Paris, available every day 06:00–22:00 local, no notice, a 15-minute
 * buffer, with three offerings: paid one-to-one (60 min, 50 EUR), free one-to-one (30 min) and
 * a paid group of three (90 min, 20 EUR).
 */
export async function createMentorWithOfferings(app: App) {
  const mentor = await createUser(app, "Maëlle Mentor", { timezone: "Europe/Paris" });
  await app.prisma.user.update({ where: { id: mentor.id }, data: { role: "MENTOR" } });
  await app.prisma.mentorProfile.create({
    data: {
      userId: mentor.id,
      status: "APPROVED",
      bufferMinutes: 15,
      minNoticeMinutes: 0,
      horizonDays: 60,
    },
  });
  await app.prisma.availabilityRule.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      mentorId: mentor.id,
      weekday,
      startMinute: 6 * 60,
      endMinute: 22 * 60,
    })),
  });
  const offering = (title: string, kind: "ONE_TO_ONE" | "GROUP", capacity: number) =>
    app.prisma.offering.create({
      data: { mentorId: mentor.id, title, description: `${title}.`, kind, capacity },
    });
  const paid = await offering("Code review", "ONE_TO_ONE", 1);
  const free = await offering("Intro call", "ONE_TO_ONE", 1);
  const group = await offering("Group clinic", "GROUP", 3);
  const option = (offeringId: string, durationMinutes: number, priceMinor: number) =>
    app.prisma.offeringOption.create({
      data: { offeringId, durationMinutes, priceMinor, currency: "EUR" },
    });
  return {
    mentor,
    paidOption: await option(paid.id, 60, 5000),
    freeOption: await option(free.id, 30, 0),
    groupOption: await option(group.id, 90, 2000),
  };
}
