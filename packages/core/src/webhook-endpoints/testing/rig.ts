import { randomUUID } from "node:crypto";
import type { App } from "../../app/index.ts";
import { signUpVerifiedUser } from "../../testing/index.ts";

/**
 * A signed-in approved mentor (cookie for procedure calls), available every day 06:00–22:00
 * Paris, no notice, with one free 30-minute offering (a hold confirms at once).
 */
export async function createSignedInMentor(app: App, name: string) {
  const { cookie, userId } = await signUpVerifiedUser(app, {
    name,
    email: `${randomUUID()}@webhooks.test`,
  });
  await app.prisma.user.update({
    where: { id: userId },
    data: { role: "MENTOR", timezone: "Europe/Paris" },
  });
  await app.prisma.mentorProfile.create({
    data: { userId, status: "APPROVED", bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 60 },
  });
  await app.prisma.availabilityRule.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      mentorId: userId,
      weekday,
      startMinute: 6 * 60,
      endMinute: 22 * 60,
    })),
  });
  const offering = await app.prisma.offering.create({
    data: {
      mentorId: userId,
      title: "Intro call",
      description: "Intro call.",
      kind: "ONE_TO_ONE",
      capacity: 1,
    },
  });
  const option = await app.prisma.offeringOption.create({
    data: { offeringId: offering.id, durationMinutes: 30, priceMinor: 0, currency: "EUR" },
  });
  return { userId, headers: { cookie }, freeOptionId: option.id };
}

/** A signed-in admin (no second factor required outside production). */
export async function createSignedInAdmin(app: App) {
  const { cookie, userId } = await signUpVerifiedUser(app, {
    name: "Ada Admin",
    email: `${randomUUID()}@webhooks.test`,
  });
  await app.prisma.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
  return { userId, headers: { cookie } };
}
