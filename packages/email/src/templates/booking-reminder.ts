import { type BookingEmailInput, bookingEmailParts, renderBookingEmail } from "./booking-email.ts";
import type { RenderedEmail } from "./layout.ts";

export type ReminderKind = "24h" | "1h";

/** Sent 24 hours and 1 hour before a confirmed session. */
export function renderBookingReminder(
  input: BookingEmailInput & { kind: ReminderKind },
): RenderedEmail {
  const { t, vars, time } = bookingEmailParts(input);
  const dayBefore = input.kind === "24h";
  return renderBookingEmail(
    input,
    t,
    t(dayBefore ? "email.booking.reminder.subject24h" : "email.booking.reminder.subject1h", vars),
    [
      {
        type: "paragraph",
        text: t(
          dayBefore ? "email.booking.reminder.intro24h" : "email.booking.reminder.intro1h",
          vars,
        ),
      },
      { type: "paragraph", text: t("email.booking.when", { time: time(input) }) },
    ],
  );
}
