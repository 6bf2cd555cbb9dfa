import { createTranslator, type Locale } from "@mentora/i18n";
import { type EmailBlock, greeting, type RenderedEmail, renderLayout } from "./layout.ts";

const categories = [
  "sexual",
  "hate",
  "harassment",
  "violence",
  "self-harm",
  "profanity",
  "solicitation",
  "contact-details",
  "spam",
] as const;
const isCategory = (value: string): value is (typeof categories)[number] =>
  (categories as readonly string[]).includes(value);

export type ModerationNoticeKind = "withheld" | "approved" | "rejected";
export type ModeratedSubject = "PROFILE_TEXT" | "AVATAR" | "MENTOR_APPLICATION" | "MESSAGE";

/** The author of moderated content is told what happened to it, why, and where to change it. */
export function renderModerationNotice(input: {
  locale: Locale;
  name: string;
  kind: ModerationNoticeKind;
  subject: ModeratedSubject;
  /** The categories found (ModerationCategory); unknown ones are left out. */
  reasons: readonly string[];
  note: string | null;
  url: string;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  const what = t(`email.moderation.what.${input.subject}`);
  const blocks: EmailBlock[] = [
    greeting(t, input.name),
    { type: "paragraph", text: t(`email.moderation.${input.kind}Intro`, { what }) },
  ];
  if (input.kind !== "approved") {
    for (const category of input.reasons.filter(isCategory)) {
      blocks.push({ type: "paragraph", text: `• ${t(`email.moderation.category.${category}`)}` });
    }
  }
  if (input.note)
    blocks.push({ type: "paragraph", text: t("email.moderation.note", { note: input.note }) });
  if (input.kind !== "approved")
    blocks.push({ type: "paragraph", text: t("email.moderation.fix") });
  blocks.push({ type: "action", label: t("email.moderation.action"), url: input.url });
  return renderLayout({
    locale: input.locale,
    subject: t(`email.moderation.${input.kind}Subject`, { appName, what }),
    blocks,
  });
}
