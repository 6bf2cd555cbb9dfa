import { createTranslator, type Locale, type Translate } from "@mentora/i18n";
import { escapeHtml, requireHttpUrl } from "./html.ts";

/** What an email says, in order; the layout renders it both as HTML and as plain text. */
export type EmailBlock =
  | { type: "paragraph"; text: string }
  | { type: "action"; label: string; url: string };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const colors = { text: "#18181b", muted: "#52525b", background: "#f4f4f5", accent: "#4338ca" };
const fontFamily = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** "Hi {name}," with the name tidied (one line, no stray spaces), or a plain "Hi," without one. */
export function greeting(t: Translate, name: string): EmailBlock {
  const cleanName = name.replace(/\s+/g, " ").trim();
  const text = cleanName ? t("email.greeting", { name: cleanName }) : t("email.greetingNoName");
  return { type: "paragraph", text };
}

function blockHtml(block: EmailBlock, t: Translate): string {
  if (block.type === "paragraph") {
    return `<p style="margin:0 0 16px;">${escapeHtml(block.text)}</p>`;
  }
  const href = escapeHtml(requireHttpUrl(block.url));
  const button = `<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;padding:12px 20px;border-radius:6px;background-color:${colors.accent};color:#ffffff;font-weight:bold;text-decoration:none;">${escapeHtml(block.label)}</a></p>`;
  // Some clients strip styles or block buttons: the raw link keeps the email usable.
  const fallback = `<p style="margin:0 0 16px;font-size:14px;color:${colors.muted};">${escapeHtml(t("email.linkHint"))}<br><a href="${href}" style="color:${colors.accent};word-break:break-all;">${href}</a></p>`;
  return `${button}\n${fallback}`;
}

function blockText(block: EmailBlock): string {
  if (block.type === "paragraph") return block.text;
  return `${block.label}\n${requireHttpUrl(block.url)}`;
}

/**
 * Wraps the blocks in Mentora's email frame. Every string is escaped here, once, and every
 * link is checked to be http(s) (throws otherwise).
 */
export function renderLayout(input: {
  locale: Locale;
  subject: string;
  blocks: EmailBlock[];
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  const footer = t("email.layout.footer", { appName });
  const subject = escapeHtml(input.subject);
  const lang = escapeHtml(input.locale);

  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background-color:${colors.background};">
<div role="article" aria-roledescription="email" aria-label="${subject}" lang="${lang}" style="max-width:560px;margin:0 auto;padding:32px 24px;font-family:${fontFamily};font-size:16px;line-height:1.5;color:${colors.text};">
<h1 style="margin:0 0 24px;font-size:20px;">${escapeHtml(appName)}</h1>
${input.blocks.map((block) => blockHtml(block, t)).join("\n")}
<hr style="margin:32px 0 16px;border:none;border-top:1px solid #d4d4d8;">
<p style="margin:0;font-size:12px;color:${colors.muted};">${escapeHtml(footer)}</p>
</div>
</body>
</html>
`;

  const text = [appName, ...input.blocks.map(blockText), `--\n${footer}`].join("\n\n");
  return { subject: input.subject, text: `${text}\n`, html };
}
