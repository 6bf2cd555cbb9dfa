import type { Prisma } from "@mentora/db";
import { z } from "zod";
import { renderBookingReminder } from "../../email/index.ts";
import { defineJob } from "../../jobs/define.ts";
import { type BookingDetails, loadBookingDetails } from "./booking-details.ts";
import { bookingEmailInput } from "./booking-email-input.ts";
import { enqueueBookingEmail } from "./booking-email-job.ts";
import { deterministicJobId } from "./deterministic-job-id.ts";
import { type BookingRole, recipientFor } from "./recipients.ts";

const reminderQueue = "booking.reminder";
const HOUR = 60 * 60_000;

const reminderSchema = z.object({
  bookingId: z.string(),
  kind: z.enum(["24h", "1h"]),
  /** The booking's scheduleVersion when this reminder was planned: a moved booking skips it. */
  scheduleVersion: z.number().int(),
});

export type BookingReminder = z.output<typeof reminderSchema>;

function skipReason(
  booking: BookingDetails | null,
  data: BookingReminder,
  now: Date,
): string | null {
  if (!booking) return "booking not found";
  if (booking.status !== "CONFIRMED") return "booking is not confirmed";
  if (booking.scheduleVersion !== data.scheduleVersion) return "booking was moved";
  if (booking.session.status !== "SCHEDULED") return "session is not scheduled";
  const lead = booking.session.startsAt.getTime() - now.getTime();
  if (lead <= 0) return "session has started";
  // A day-before reminder delayed into the last hour (worker down) would only repeat the 1 h one.
  if (data.kind === "24h" && lead <= HOUR) return "too late for the day-before reminder";
  return null;
}

/**
 * The mentee is always reminded. The mentor once per session, not once per participant: only
 * through the session's earliest confirmed booking (which, booked first, has every reminder).
 */
async function rolesToRemind(
  tx: Prisma.TransactionClient,
  booking: BookingDetails,
): Promise<BookingRole[]> {
  if (booking.mentee.id === booking.session.mentor.id) return ["mentee"];
  const first = await tx.booking.findFirst({
    where: { sessionId: booking.session.id, status: "CONFIRMED" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return first?.id === booking.id ? ["mentee", "mentor"] : ["mentee"];
}

/**
 * Reminds a confirmed booking 24 h or 1 h before it starts. In one transaction: the booking row
 * is share-locked (a concurrent cancel or move waits for us), the BookingReminder row is the
 * dedupe record (a second run inserts nothing and sends nothing), and the emails are enqueued.
 */
export const bookingReminderJob = defineJob({
  name: reminderQueue,
  schema: reminderSchema,
  queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, deadLetter: "booking.reminder.dead" },
  async handle(data, services) {
    const { prisma, boss, logger, config } = services;
    const now = new Date();
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "booking" WHERE "id" = ${data.bookingId} FOR SHARE`;
      const booking = await loadBookingDetails(tx, data.bookingId);
      const reason = skipReason(booking, data, now);
      if (!booking || reason) {
        logger.debug({ ...data, reason }, "reminder skipped");
        return;
      }
      const { count } = await tx.bookingReminder.createMany({
        data: [{ bookingId: booking.id, kind: data.kind, scheduleVersion: data.scheduleVersion }],
        skipDuplicates: true,
      });
      if (count === 0) {
        logger.debug(data, "reminder already sent");
        return;
      }
      for (const role of await rolesToRemind(tx, booking)) {
        const recipient = recipientFor(booking, role);
        const input = bookingEmailInput(booking, recipient, config.PUBLIC_URL);
        await enqueueBookingEmail(boss, tx, {
          id: deterministicJobId(
            reminderQueue,
            booking.id,
            data.kind,
            data.scheduleVersion,
            recipient.user.id,
          ),
          recipient,
          email: renderBookingReminder({ ...input, kind: data.kind }),
        });
      }
    });
  },
});
