import { createTranslator, type Locale } from "@mentora/i18n";
import { greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/**
 * An email whose point is one link (verify the address, reset the password): greeting, why,
 * the button, and "ignore this if it was not you". Throws when `url` is not http(s).
 */
export function renderLinkEmail(
  kind: "verifyEmail" | "resetPassword" | "payoutEmail",
  input: { locale: Locale; name: string; url: string },
): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  return renderLayout({
    locale: input.locale,
    subject: t(`email.${kind}.subject`, { appName }),
    blocks: [
      greeting(t, input.name),
      { type: "paragraph", text: t(`email.${kind}.intro`, { appName }) },
      { type: "action", label: t(`email.${kind}.action`), url: input.url },
      { type: "paragraph", text: t(`email.${kind}.ignore`, { appName }) },
    ],
  });
}
