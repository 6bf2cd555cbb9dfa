import type { Locale } from "@mentora/i18n";
import type { RenderedEmail } from "./layout.ts";
import { renderLinkEmail } from "./link-email.ts";

/** Sent to a PayPal payout address: the link proves its owner reads it before money goes there. */
export function renderPayoutEmailConfirmation(input: {
  locale: Locale;
  name: string;
  url: string;
}): RenderedEmail {
  return renderLinkEmail("payoutEmail", input);
}
