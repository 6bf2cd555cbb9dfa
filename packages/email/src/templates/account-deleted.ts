import { createTranslator, type Locale } from "@mentora/i18n";
import { greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/** The last e-mail to an address whose account was deleted: what went, what the law keeps. */
export function renderAccountDeleted(input: { locale: Locale; name: string }): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  return renderLayout({
    locale: input.locale,
    subject: t("email.accountDeleted.subject", { appName }),
    blocks: [
      greeting(t, input.name),
      { type: "paragraph", text: t("email.accountDeleted.intro", { appName }) },
      { type: "paragraph", text: t("email.accountDeleted.kept", { appName }) },
      { type: "paragraph", text: t("email.accountDeleted.notYou", { appName }) },
    ],
  });
}
