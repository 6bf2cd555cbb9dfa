import { z } from "zod";
import { defineQueue } from "../../jobs/define.ts";

const notifySchema = z.object({
  bookingId: z.string(),
  event: z.enum(["confirmed", "cancelled", "rescheduled"]),
  scheduleVersion: z.number().int(),
  /** For "rescheduled": the time it had before, shown as "Previously: …". */
  previous: z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime() }).optional(),
});

export type BookingNotification = z.output<typeof notifySchema>;
export type BookingEventName = BookingNotification["event"];

/** What producers send; `bookingNotifyJob` in booking-notify.job.ts handles it. */
export const bookingNotifyQueue = defineQueue({
  name: "booking.notify",
  schema: notifySchema,
  queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, deadLetter: "booking.notify.dead" },
});
