import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@mentora/db";
import type { FakeCalendar, FakeGoogleCalendar } from "./fake-google-calendar.ts";

/**
 * An approved mentor in UTC, free every day 00:00–24:00 (no buffer, no notice), with one
 * 60-minute offering, a linked Google account holding a valid access token, and a Google
 * Calendar connection whose busy calendar is their primary one. The fake knows the token.
 */
export async function seedConnectedMentor(
  prisma: Db,
  fake: FakeGoogleCalendar,
  options: { calendars?: FakeCalendar[]; connect?: boolean } = {},
) {
  const id = randomUUID();
  const accessToken = `ya29.fake-${randomBytes(12).toString("hex")}`;
  const calendars = options.calendars ?? [
    { id: `${id}@gmail.test`, summary: "Personal", primary: true, busy: [] },
  ];
  fake.grant(accessToken, calendars);
  const mentor = await prisma.user.create({
    data: {
      id,
      name: "Gia Google",
      email: `mentor-${id}@mentora.test`,
      emailVerified: true,
      role: "MENTOR",
      timezone: "UTC",
      mentorProfile: {
        create: {
          status: "APPROVED",
          bufferMinutes: 0,
          minNoticeMinutes: 0,
          horizonDays: 30,
        },
      },
      availabilityRules: {
        create: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          startMinute: 0,
          endMinute: 1440,
        })),
      },
      accounts: {
        create: {
          id: randomUUID(),
          accountId: `google-${id}`,
          providerId: "google",
          accessToken,
          accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
          scope: "openid email profile https://www.googleapis.com/auth/calendar.events",
        },
      },
    },
  });
  const offering = await prisma.offering.create({
    data: {
      mentorId: id,
      title: "Architecture review",
      description: "An hour on your system's design.",
      kind: "ONE_TO_ONE",
      options: { create: { durationMinutes: 60, priceMinor: 0, currency: "EUR" } },
    },
    include: { options: true },
  });
  if (options.connect !== false) {
    await prisma.googleCalendarConnection.create({
      data: {
        mentorId: id,
        busyCalendarIds: [calendars[0]?.id ?? "primary"],
        targetCalendarId: calendars[0]?.id ?? null,
      },
    });
  }
  return { mentor, accessToken, calendars, option: offering.options[0]! };
}
