import type { Db, Prisma } from "@mentora/db";
import { translate } from "@mentora/i18n";
import { type BookingDetails, loadBookingDetails } from "../notifications/booking-details.ts";
import { bookingUrl } from "../notifications/booking-url.ts";
import { type BookingRole, recipientFor, roleOf } from "../notifications/recipients.ts";
import { type IcsEventInput, renderIcs } from "./render-ics.ts";

export const icsContentType = "text/calendar; charset=utf-8";

/** One UID per booking for its whole life, so every update or cancellation replaces it. */
export function bookingUid(bookingId: string): string {
  return `booking-${bookingId}@mentora`;
}

function calendarStatus(booking: BookingDetails): IcsEventInput["status"] {
  if (booking.session.status === "CANCELLED") return "CANCELLED";
  if (booking.status === "CANCELLED" || booking.status === "EXPIRED") return "CANCELLED";
  if (booking.status === "PENDING_PAYMENT") return "TENTATIVE";
  return "CONFIRMED";
}

/**
 * The booking as a calendar event, worded for one side of it. The mentor hosts (ORGANIZER),
 * the mentee attends; a group session's other participants are never listed.
 */
export function renderBookingIcs(
  booking: BookingDetails,
  viewer: BookingRole,
  options: { method: IcsEventInput["method"]; publicUrl: string; stamp: Date },
): string {
  const { locale, counterpart } = recipientFor(booking, viewer);
  const { mentor } = booking.session;
  const url = bookingUrl(options.publicUrl, booking.id);
  const summary = translate(locale, "email.booking.calendarSummary", {
    title: booking.offeringTitle,
    name: counterpart.name,
  });
  return renderIcs({
    uid: bookingUid(booking.id),
    sequence: booking.scheduleVersion,
    method: options.method,
    status: options.method === "CANCEL" ? "CANCELLED" : calendarStatus(booking),
    start: booking.session.startsAt,
    end: booking.session.endsAt,
    stamp: options.stamp,
    summary,
    description: `${summary}\n${url}`,
    url,
    organizer: { name: mentor.name, email: mentor.email },
    attendees: [{ name: booking.mentee.name, email: booking.mentee.email }],
  });
}

/**
 * The .ics download of a booking for its mentee or its mentor; null for anyone else (and for an
 * unknown booking), which the caller reports as NOT_FOUND.
 */
export async function bookingIcs(
  prisma: Db | Prisma.TransactionClient,
  bookingId: string,
  viewerUserId: string,
  publicUrl: string,
  now: Date = new Date(),
): Promise<{ filename: string; content: string; contentType: string } | null> {
  const booking = await loadBookingDetails(prisma, bookingId);
  if (!booking) return null;
  const viewer = roleOf(booking, viewerUserId);
  if (!viewer) return null;
  return {
    filename: `mentora-booking-${booking.id}.ics`,
    content: renderBookingIcs(booking, viewer, { method: "PUBLISH", publicUrl, stamp: now }),
    contentType: icsContentType,
  };
}
