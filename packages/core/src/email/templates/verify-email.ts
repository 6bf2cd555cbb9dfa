import { createTranslator, type Locale } from "@mentora/i18n";
import { greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/** Sent after sign-up: the link confirms the address. Throws when `url` is not http(s). */
export function renderVerifyEmail(input: {
  locale: Locale;
  name: string;
  url: string;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  return renderLayout({
    locale: input.locale,
    subject: t("email.verifyEmail.subject", { appName }),
    blocks: [
      greeting(t, input.name),
      { type: "paragraph", text: t("email.verifyEmail.intro", { appName }) },
      { type: "action", label: t("email.verifyEmail.action"), url: input.url },
      { type: "paragraph", text: t("email.verifyEmail.ignore", { appName }) },
    ],
  });
}
