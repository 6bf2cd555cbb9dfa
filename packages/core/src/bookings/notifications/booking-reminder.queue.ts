import { z } from "zod";
import { defineQueue } from "../../jobs/define.ts";

const reminderSchema = z.object({
  bookingId: z.string(),
  kind: z.enum(["24h", "1h"]),
  /** The booking's scheduleVersion when this reminder was planned: a moved booking skips it. */
  scheduleVersion: z.number().int(),
});

export type BookingReminder = z.output<typeof reminderSchema>;

/** What producers send; `bookingReminderJob` in booking-reminder.job.ts handles it. */
export const bookingReminderQueue = defineQueue({
  name: "booking.reminder",
  schema: reminderSchema,
  queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, deadLetter: "booking.reminder.dead" },
});
