import { createTranslator, type Locale } from "@mentora/i18n";
import { greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/**
 * Security notices to an account's owner: repeated failed sign-ins locked the address out
 * (`signInLockout`), or someone tried to sign up with it (`signUpExisting`). The link goes to
 * a page of ours (reset password, sign in), never to anything the requester chose.
 */
export function renderSecurityNotice(input: {
  kind: "signInLockout" | "signUpExisting";
  locale: Locale;
  name: string;
  url: string;
  minutes?: number;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  const kind = input.kind;
  return renderLayout({
    locale: input.locale,
    subject: t(`email.${kind}.subject`, { appName }),
    blocks: [
      greeting(t, input.name),
      {
        type: "paragraph",
        text: t(`email.${kind}.intro`, { appName, minutes: input.minutes ?? 1 }),
      },
      { type: "action", label: t(`email.${kind}.action`), url: input.url },
      { type: "paragraph", text: t(`email.${kind}.ignore`, { appName }) },
    ],
  });
}
