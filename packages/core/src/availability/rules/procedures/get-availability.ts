import { z } from "zod";
import { mentorProcedure } from "../../../trpc/init.ts";
import { overrideOutput, toOverrideOutput, weeklyRuleOutput } from "../availability-output.ts";
import { dateColumn, mentorToday } from "../intervals.ts";

export const getAvailabilityOutput = z.object({
  /** The zone rules and overrides are read in: the mentor's own, UTC until they choose one. */
  timezone: z.string(),
  timezoneSet: z.boolean(),
  /** Today in that zone; overrides before it are not listed. */
  today: z.string(),
  rules: z.array(weeklyRuleOutput),
  overrides: z.array(overrideOutput),
  /** The booking settings of the mentor profile, or null without one. */
  settings: z
    .object({
      status: z.enum(["PENDING", "APPROVED", "REJECTED"]),
      acceptingBookings: z.boolean(),
      bufferMinutes: z.number().int(),
      minNoticeMinutes: z.number().int(),
      horizonDays: z.number().int(),
    })
    .nullable(),
});

/** The mentor's weekly rules, their overrides from today on, and their booking settings. */
export const get = mentorProcedure.output(getAvailabilityOutput).query(async ({ ctx }) => {
  const { prisma } = ctx.services;
  const mentorId = ctx.user.id;
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: mentorId },
    select: {
      timezone: true,
      mentorProfile: {
        select: {
          status: true,
          acceptingBookings: true,
          bufferMinutes: true,
          minNoticeMinutes: true,
          horizonDays: true,
        },
      },
    },
  });
  const timezone = user.timezone ?? "UTC";
  const today = mentorToday(timezone, new Date());
  const [rules, overrides] = await Promise.all([
    prisma.availabilityRule.findMany({
      where: { mentorId },
      orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
      select: { id: true, weekday: true, startMinute: true, endMinute: true },
    }),
    prisma.availabilityOverride.findMany({
      where: { mentorId, date: { gte: dateColumn(today) } },
      orderBy: [{ date: "asc" }, { startMinute: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    }),
  ]);
  return {
    timezone,
    timezoneSet: user.timezone !== null,
    today,
    rules,
    overrides: overrides.map(toOverrideOutput),
    settings: user.mentorProfile,
  };
});
