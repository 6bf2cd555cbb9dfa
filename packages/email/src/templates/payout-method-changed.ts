import { createTranslator, type Locale } from "@mentora/i18n";
import { type EmailBlock, greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/**
 * Sent to the mentor's own address when their payout method changes: the one alarm a mentor
 * whose account was taken over still receives. Names the new method (masked), the requests
 * that were cancelled and when payouts to it become possible.
 */
export function renderPayoutMethodChanged(input: {
  locale: Locale;
  name: string;
  method: string;
  cancelledRequests: number;
  availableAt: Date | null;
  payoutsUrl: string;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  const blocks: EmailBlock[] = [
    greeting(t, input.name),
    { type: "paragraph", text: t("email.payoutMethodChanged.intro", { method: input.method }) },
  ];
  if (input.cancelledRequests > 0) {
    blocks.push({
      type: "paragraph",
      text: t("email.payoutMethodChanged.cancelled", { count: input.cancelledRequests }),
    });
  }
  if (input.availableAt) {
    const availableAt = `${new Intl.DateTimeFormat(input.locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "UTC",
    }).format(input.availableAt)} UTC`;
    blocks.push({
      type: "paragraph",
      text: t("email.payoutMethodChanged.cooldown", { availableAt }),
    });
  }
  blocks.push(
    { type: "paragraph", text: t("email.payoutMethodChanged.notYou") },
    { type: "action", label: t("email.payoutMethodChanged.action"), url: input.payoutsUrl },
  );
  return renderLayout({
    locale: input.locale,
    subject: t("email.payoutMethodChanged.subject", { appName }),
    blocks,
  });
}
