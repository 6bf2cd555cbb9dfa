import { createTranslator, type Locale } from "@mentora/i18n";
import { type EmailBlock, greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/** A mentee's matches: the top mentors, each with why and their next free times. */
export function renderMatchesEmail(input: {
  locale: Locale;
  name: string;
  timeZone: string;
  matches: readonly { name: string; explanation: string; nextSlots: readonly Date[] }[];
  url: string;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  const format = new Intl.DateTimeFormat(input.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: input.timeZone,
  });
  const blocks: EmailBlock[] = [greeting(t, input.name)];
  if (input.matches.length === 0) {
    blocks.push({ type: "paragraph", text: t("email.matches.none") });
  } else {
    blocks.push({ type: "paragraph", text: t("email.matches.intro") });
    for (const match of input.matches) {
      blocks.push({ type: "paragraph", text: `${match.name}: ${match.explanation}` });
      blocks.push({
        type: "paragraph",
        text:
          match.nextSlots.length > 0
            ? t("email.matches.nextSlots", {
                slots: match.nextSlots.map((slot) => format.format(slot)).join(", "),
              })
            : t("email.matches.noSlots"),
      });
    }
  }
  blocks.push({ type: "action", label: t("email.matches.action"), url: input.url });
  return renderLayout({
    locale: input.locale,
    subject: t("email.matches.subject", { appName }),
    blocks,
  });
}
