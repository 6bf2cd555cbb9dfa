import { createTranslator, type Locale } from "@mentora/i18n";
import { greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/** Sent on "forgot password": the link opens the reset form. Throws when `url` is not http(s). */
export function renderResetPassword(input: {
  locale: Locale;
  name: string;
  url: string;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  return renderLayout({
    locale: input.locale,
    subject: t("email.resetPassword.subject", { appName }),
    blocks: [
      greeting(t, input.name),
      { type: "paragraph", text: t("email.resetPassword.intro", { appName }) },
      { type: "action", label: t("email.resetPassword.action"), url: input.url },
      { type: "paragraph", text: t("email.resetPassword.ignore", { appName }) },
    ],
  });
}
