import { createTranslator, type Locale } from "@mentora/i18n";
import { greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/** The person's data export is built: the link works for them only, until it expires. */
export function renderDataExportReady(input: {
  locale: Locale;
  name: string;
  url: string;
  expiresAt: Date;
  timeZone: string;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  const date = new Intl.DateTimeFormat(input.locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: input.timeZone,
  }).format(input.expiresAt);
  return renderLayout({
    locale: input.locale,
    subject: t("email.dataExport.subject", { appName }),
    blocks: [
      greeting(t, input.name),
      { type: "paragraph", text: t("email.dataExport.intro", { appName }) },
      { type: "action", label: t("email.dataExport.action"), url: input.url },
      { type: "paragraph", text: t("email.dataExport.expires", { date }) },
    ],
  });
}
