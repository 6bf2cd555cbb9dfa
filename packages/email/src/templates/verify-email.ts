import type { Locale } from "@mentora/i18n";
import type { RenderedEmail } from "./layout.ts";
import { renderLinkEmail } from "./link-email.ts";

/** Sent after sign-up: the link confirms the address. Throws when `url` is not http(s). */
export function renderVerifyEmail(input: {
  locale: Locale;
  name: string;
  url: string;
}): RenderedEmail {
  return renderLinkEmail("verifyEmail", input);
}
