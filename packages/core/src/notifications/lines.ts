import { createTranslator, type Locale, type MessageKey } from "@mentora/i18n";
import { formatMinorAmount } from "@mentora/payment-gateway";
import type { NotificationKind } from "./kinds.ts";
import type { NotificationData } from "./notify.ts";

/**
 * One notification as a line of text in the reader's language and time zone: the bell, the
 * /notifications page and the digest e-mail say the same thing.
 */
export function notificationLine(
  kind: NotificationKind,
  data: Partial<NotificationData>,
  options: { locale: Locale; timeZone: string },
): string {
  const t = createTranslator(options.locale);
  const when = data.startsAt
    ? new Intl.DateTimeFormat(options.locale, {
        timeZone: options.timeZone,
        weekday: "short",
        day: "numeric",
        month: "short",
        hour: "numeric",
        minute: "2-digit",
        timeZoneName: "short",
      }).format(new Date(data.startsAt))
    : "";
  const amount =
    typeof data.amountMinor === "number" && data.currency
      ? formatMinorAmount(data.amountMinor, data.currency, options.locale)
      : "";
  const decided = data.status === "APPROVED" ? "APPROVED" : "REJECTED";
  const key =
    kind === "APPLICATION_DECIDED"
      ? `email.notifications.lines.APPLICATION_${decided}`
      : kind === "MODERATION_DECIDED"
        ? `email.notifications.lines.MODERATION_${decided}`
        : `email.notifications.lines.${kind}`;
  // What a moderation decision was about ("profile", "profile picture"), in the reader's words.
  const what = data.subject ? t(`email.moderation.what.${data.subject}` as MessageKey) : "";
  return t(key as MessageKey, {
    title: data.title ?? "",
    when,
    amount,
    number: data.number ?? "",
    provider: data.provider ?? "",
    what,
    stars: typeof data.rating === "number" ? String(data.rating) : "",
  });
}
