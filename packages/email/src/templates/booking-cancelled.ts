import type { MessageKey } from "@mentora/i18n";
import { type BookingEmailInput, bookingEmailParts, renderBookingEmail } from "./booking-email.ts";
import type { EmailBlock, RenderedEmail } from "./layout.ts";

export type CancelledBy = "MENTEE" | "MENTOR" | "ADMIN" | "SYSTEM";

/** Who cancelled, from the reader's side: "you", the other party, the team, or no one. */
function cancelledByKey(
  role: BookingEmailInput["role"],
  cancelledBy: CancelledBy | null,
): MessageKey {
  if (cancelledBy === "ADMIN") return "email.booking.cancelled.byAdmin";
  if (cancelledBy === "MENTEE" || cancelledBy === "MENTOR") {
    const byReader = cancelledBy === (role === "mentee" ? "MENTEE" : "MENTOR");
    return byReader ? "email.booking.cancelled.byYou" : "email.booking.cancelled.byCounterpart";
  }
  return "email.booking.cancelled.bySystem";
}

/** A booking was cancelled: by whom, why (when a reason was given), and when it was planned. */
export function renderBookingCancelled(
  input: BookingEmailInput & { cancelledBy: CancelledBy | null; reason?: string | null },
): RenderedEmail {
  const { t, vars, time } = bookingEmailParts(input);
  const reason = input.reason?.trim();
  const blocks: EmailBlock[] = [
    { type: "paragraph", text: t(cancelledByKey(input.role, input.cancelledBy), vars) },
    ...(reason
      ? [{ type: "paragraph" as const, text: t("email.booking.cancelled.reason", { reason }) }]
      : []),
    { type: "paragraph", text: t("email.booking.cancelled.wasPlanned", { time: time(input) }) },
    { type: "paragraph", text: t("email.booking.calendarCancelHint") },
  ];
  return renderBookingEmail(input, t, t("email.booking.cancelled.subject", vars), blocks);
}
