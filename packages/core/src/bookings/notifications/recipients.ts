import { type Locale, negotiateLocale } from "@mentora/i18n";
import type { BookingDetails, BookingPerson } from "./booking-details.ts";

export type BookingRole = "mentee" | "mentor";

/** One person an email about a booking goes to, seen from their side of it. */
export interface BookingRecipient {
  role: BookingRole;
  user: BookingPerson;
  counterpart: BookingPerson;
  locale: Locale;
  timeZone: string;
}

/** The user's own timezone when it is one Intl knows, else UTC. */
export function recipientTimeZone(timezone: string | null): string {
  if (!timezone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return timezone;
  } catch {
    return "UTC";
  }
}

export function recipientFor(booking: BookingDetails, role: BookingRole): BookingRecipient {
  const { mentee } = booking;
  const { mentor } = booking.session;
  const user = role === "mentee" ? mentee : mentor;
  return {
    role,
    user,
    counterpart: role === "mentee" ? mentor : mentee,
    locale: negotiateLocale({ profileLocale: user.locale }),
    timeZone: recipientTimeZone(user.timezone),
  };
}

/** The role a user plays in a booking, or null for anyone else. */
export function roleOf(booking: BookingDetails, userId: string): BookingRole | null {
  if (booking.mentee.id === userId) return "mentee";
  if (booking.session.mentor.id === userId) return "mentor";
  return null;
}
