import { type BookingEmailInput, bookingEmailParts, renderBookingEmail } from "./booking-email.ts";
import type { EmailBlock, RenderedEmail } from "./layout.ts";

/** A booking moved: the new time, and the old one when the caller still knows it. */
export function renderBookingRescheduled(
  input: BookingEmailInput & { previous?: { startsAt: Date; endsAt: Date } | undefined },
): RenderedEmail {
  const { t, vars, time } = bookingEmailParts(input);
  const blocks: EmailBlock[] = [
    { type: "paragraph", text: t("email.booking.rescheduled.intro", vars) },
    ...(input.previous
      ? [
          {
            type: "paragraph" as const,
            text: t("email.booking.rescheduled.previous", { time: time(input.previous) }),
          },
        ]
      : []),
    { type: "paragraph", text: t("email.booking.rescheduled.next", { time: time(input) }) },
    { type: "paragraph", text: t("email.booking.calendarHint") },
  ];
  return renderBookingEmail(input, t, t("email.booking.rescheduled.subject", vars), blocks);
}
