import { createTranslator, type Locale, type Translate } from "@mentora/i18n";
import { formatBookingTime } from "./booking-time.ts";
import { type EmailBlock, greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/** What every booking email knows: who reads it, about what, when, and where to look. */
export interface BookingEmailInput {
  locale: Locale;
  /** The recipient's IANA timezone; times are shown in it. */
  timeZone: string;
  role: "mentee" | "mentor";
  recipientName: string;
  counterpartName: string;
  offeringTitle: string;
  startsAt: Date;
  endsAt: Date;
  /** `${PUBLIC_URL}/bookings/<id>`; must be http(s). */
  bookingUrl: string;
  /** A paid booking's invoice download (`${PUBLIC_URL}/invoices/<id>.pdf`), for the mentee. */
  invoiceUrl?: string | undefined;
}

export interface BookingEmailParts {
  t: Translate;
  /** `{ title, name, appName }` for the messages: name is the other party's. */
  vars: { title: string; name: string; appName: string };
  time(range: { startsAt: Date; endsAt: Date }): string;
}

/** One line, no stray spaces: these values also go into the subject header. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

export function bookingEmailParts(input: BookingEmailInput): BookingEmailParts {
  const t = createTranslator(input.locale);
  return {
    t,
    vars: {
      title: oneLine(input.offeringTitle),
      name: oneLine(input.counterpartName),
      appName: t("common.appName"),
    },
    time: (range) => formatBookingTime(range, input),
  };
}

/** Greeting, the given blocks, then the link to the booking. */
export function renderBookingEmail(
  input: BookingEmailInput,
  t: Translate,
  subject: string,
  blocks: EmailBlock[],
): RenderedEmail {
  return renderLayout({
    locale: input.locale,
    subject,
    blocks: [
      greeting(t, input.recipientName),
      ...blocks,
      { type: "action", label: t("email.booking.viewAction"), url: input.bookingUrl },
    ],
  });
}
