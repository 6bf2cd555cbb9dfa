import { createTranslator, type Locale } from "@mentora/i18n";
import { type EmailBlock, greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/** At most this many lines in one digest; the rest is counted and waits in the app. */
export const digestMaxLines = 20;

/**
 * What a person left unread in the app, in one e-mail (issue #15): one line per notification
 * (already written in their language and time zone), a link to the notifications page.
 */
export function renderNotificationDigest(input: {
  locale: Locale;
  name: string;
  lines: string[];
  url: string;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  const shown = input.lines.slice(0, digestMaxLines);
  const rest = input.lines.length - shown.length;
  const blocks: EmailBlock[] = [
    greeting(t, input.name),
    { type: "paragraph", text: t("email.notifications.intro", { appName }) },
    ...shown.map((line): EmailBlock => ({ type: "paragraph", text: `• ${line}` })),
  ];
  if (rest > 0)
    blocks.push({ type: "paragraph", text: t("email.notifications.more", { count: rest }) });
  blocks.push(
    { type: "action", label: t("email.notifications.action"), url: input.url },
    { type: "paragraph", text: t("email.notifications.preferences") },
  );
  return renderLayout({
    locale: input.locale,
    subject: t("email.notifications.subject", { count: input.lines.length, appName }),
    blocks,
  });
}
