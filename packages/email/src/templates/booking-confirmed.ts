import { type BookingEmailInput, bookingEmailParts, renderBookingEmail } from "./booking-email.ts";
import type { RenderedEmail } from "./layout.ts";

/** A booking is confirmed: the mentee hears it is theirs, the mentor that someone booked. */
export function renderBookingConfirmed(input: BookingEmailInput): RenderedEmail {
  const { t, vars, time } = bookingEmailParts(input);
  const forMentee = input.role === "mentee";
  return renderBookingEmail(
    input,
    t,
    t(
      forMentee ? "email.booking.confirmed.menteeSubject" : "email.booking.confirmed.mentorSubject",
      vars,
    ),
    [
      {
        type: "paragraph",
        text: t(
          forMentee ? "email.booking.confirmed.menteeIntro" : "email.booking.confirmed.mentorIntro",
          vars,
        ),
      },
      { type: "paragraph", text: t("email.booking.when", { time: time(input) }) },
      { type: "paragraph", text: t("email.booking.calendarHint") },
      ...(forMentee && input.invoiceUrl
        ? [
            {
              type: "action" as const,
              label: t("email.booking.confirmed.invoiceAction"),
              url: input.invoiceUrl,
            },
          ]
        : []),
    ],
  );
}
