import type { Locale } from "@mentora/i18n";
import type { RenderedEmail } from "./layout.ts";
import { renderLinkEmail } from "./link-email.ts";

/** Sent on "forgot password": the link opens the reset form. Throws when `url` is not http(s). */
export function renderResetPassword(input: {
  locale: Locale;
  name: string;
  url: string;
}): RenderedEmail {
  return renderLinkEmail("resetPassword", input);
}
