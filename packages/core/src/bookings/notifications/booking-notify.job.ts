import {
  type RenderedEmail,
  renderBookingCancelled,
  renderBookingConfirmed,
  renderBookingRescheduled,
} from "@mentora/email";
import type { AppServices } from "../../app/types.ts";
import { invoiceUrl, issueInvoiceForPayment } from "../../invoices/index.ts";
import { defineHandler } from "../../jobs/define.ts";
import { deterministicJobId } from "../../jobs/deterministic-job-id.ts";
import { renderBookingIcs } from "../ics/booking-ics.ts";
import { type BookingDetails, loadBookingDetails } from "./booking-details.ts";
import { bookingEmailInput } from "./booking-email-input.ts";
import { enqueueBookingEmail, icsAttachment } from "./booking-email-job.ts";
import { type BookingNotification, bookingNotifyQueue } from "./booking-notify.queue.ts";
import { type BookingRecipient, type BookingRole, recipientFor } from "./recipients.ts";

/** Why a notification is no longer worth sending, or null to send it. */
function skipReason(booking: BookingDetails, data: BookingNotification): string | null {
  if (data.event === "cancelled") {
    return booking.status === "CANCELLED" ? null : "booking is not cancelled";
  }
  if (booking.status !== "CONFIRMED") return "booking is no longer confirmed";
  // A newer reschedule has its own notification, with the newer time.
  if (booking.scheduleVersion !== data.scheduleVersion) return "booking was moved again";
  return null;
}

function renderEmail(
  booking: BookingDetails,
  recipient: BookingRecipient,
  data: BookingNotification,
  publicUrl: string,
  invoiceUrl?: string,
): RenderedEmail {
  const input = bookingEmailInput(booking, recipient, publicUrl);
  if (data.event === "confirmed") return renderBookingConfirmed({ ...input, invoiceUrl });
  if (data.event === "cancelled") {
    return renderBookingCancelled({
      ...input,
      cancelledBy: booking.cancelledBy,
      reason: booking.cancelReason,
    });
  }
  const previous = data.previous && {
    startsAt: new Date(data.previous.startsAt),
    endsAt: new Date(data.previous.endsAt),
  };
  return renderBookingRescheduled({ ...input, previous });
}

/**
 * The invoice link of a paid booking: the invoice is issued here if its own job has not run yet
 * (issuing is idempotent), so the link exists; the download page says "being prepared" until
 * the PDF is rendered. An issue failure leaves the link out rather than holding the email.
 */
async function paidBookingInvoiceUrl(
  services: AppServices,
  bookingId: string,
): Promise<string | undefined> {
  const payment = await services.prisma.payment.findFirst({
    where: { bookingId, purpose: "BOOKING", status: "SUCCEEDED", creditedToWallet: false },
    select: { id: true },
  });
  if (!payment) return undefined;
  try {
    const invoice = await issueInvoiceForPayment(services, payment.id);
    return invoice ? invoiceUrl(services.config.app.publicUrl, invoice.id) : undefined;
  } catch (error) {
    services.logger.warn(
      { err: error, bookingId },
      "confirmation email sent without its invoice link",
    );
    return undefined;
  }
}

/**
 * Emails the mentee and the mentor about a booking's confirmation, cancellation or new time,
 * each with a calendar file (REQUEST adds or updates the event, CANCEL removes it). The emails
 * get deterministic job ids and are sent in one transaction: a retry enqueues nothing twice.
 */
export const bookingNotifyJob = defineHandler(
  bookingNotifyQueue,
  async (data, services: AppServices) => {
    const { prisma, boss, logger, config } = services;
    const booking = await loadBookingDetails(prisma, data.bookingId);
    if (!booking) {
      logger.warn({ bookingId: data.bookingId, event: data.event }, "notified booking not found");
      return;
    }
    const reason = skipReason(booking, data);
    if (reason) {
      logger.debug({ bookingId: booking.id, event: data.event, reason }, "notification skipped");
      return;
    }

    const invoiceLink =
      data.event === "confirmed" ? await paidBookingInvoiceUrl(services, booking.id) : undefined;
    const stamp = new Date();
    const method = data.event === "cancelled" ? "CANCEL" : "REQUEST";
    const roles: BookingRole[] =
      booking.mentee.id === booking.session.mentor.id ? ["mentee"] : ["mentee", "mentor"];
    const emails = roles.map((role) => {
      const recipient = recipientFor(booking, role);
      const ics = renderBookingIcs(booking, role, {
        method,
        publicUrl: config.app.publicUrl,
        stamp,
      });
      return {
        id: deterministicJobId(
          bookingNotifyQueue.name,
          booking.id,
          data.event,
          data.scheduleVersion,
          recipient.user.id,
        ),
        recipient,
        email: renderEmail(
          booking,
          recipient,
          data,
          config.app.publicUrl,
          role === "mentee" ? invoiceLink : undefined,
        ),
        attachments: [icsAttachment(`mentora-booking-${booking.id}.ics`, method, ics)],
      };
    });

    await prisma.$transaction(async (tx) => {
      for (const email of emails) await enqueueBookingEmail(boss, tx, email);
    });
  },
);
