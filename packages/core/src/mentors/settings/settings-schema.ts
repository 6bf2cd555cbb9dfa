import { z } from "zod";

export const mentorSettings = z.object({
  /** false = paused: the mentor stays listed, with no slots. */
  acceptingBookings: z.boolean(),
  /** Free time kept after every session. */
  bufferMinutes: z.number().int().min(0).max(120),
  /** How long before a slot it can still be booked (up to a week). */
  minNoticeMinutes: z.number().int().min(0).max(10_080),
  /** How many days ahead the calendar opens. */
  horizonDays: z.number().int().min(1).max(365),
});
export type MentorSettings = z.output<typeof mentorSettings>;

export const mentorSettingsSelect = {
  acceptingBookings: true,
  bufferMinutes: true,
  minNoticeMinutes: true,
  horizonDays: true,
} as const;
