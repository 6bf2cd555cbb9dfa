import type { BookingEmailInput } from "../../email/index.ts";
import type { BookingDetails } from "./booking-details.ts";
import { bookingUrl } from "./booking-url.ts";
import type { BookingRecipient } from "./recipients.ts";

/** What a booking email template needs, for one recipient. */
export function bookingEmailInput(
  booking: BookingDetails,
  recipient: BookingRecipient,
  publicUrl: string,
): BookingEmailInput {
  return {
    locale: recipient.locale,
    timeZone: recipient.timeZone,
    role: recipient.role,
    recipientName: recipient.user.name,
    counterpartName: recipient.counterpart.name,
    offeringTitle: booking.offeringTitle,
    startsAt: booking.session.startsAt,
    endsAt: booking.session.endsAt,
    bookingUrl: bookingUrl(publicUrl, booking.id),
  };
}
