import { createTranslator, type Locale } from "@mentora/i18n";
import { formatMinorAmount } from "../../offerings/index.ts";
import { type EmailBlock, greeting, type RenderedEmail, renderLayout } from "./layout.ts";

export interface InvitationEmailInput {
  locale: Locale;
  /** The recipient's IANA timezone, when known; the expiry is shown in it. */
  timeZone: string;
  /** Empty when the recipient has no account yet. */
  recipientName: string;
  mentorName: string;
  offeringTitle: string;
  /** A private price, when the invitation carries one. */
  price: { priceMinor: number; currency: string } | null;
  expiresAt: Date;
  /** `${PUBLIC_URL}/invitations/<token>`; must be http(s). */
  url: string;
}

/** One line, no stray spaces: these values also go into the subject header. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function formatExpiry(expiresAt: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(expiresAt);
}

/** A mentor invites someone to one of their offerings, possibly at a private price. */
export function renderInvitationEmail(input: InvitationEmailInput): RenderedEmail {
  const t = createTranslator(input.locale);
  const vars = {
    name: oneLine(input.mentorName),
    title: oneLine(input.offeringTitle),
    appName: t("common.appName"),
  };
  const blocks: EmailBlock[] = [
    greeting(t, input.recipientName),
    { type: "paragraph", text: t("email.invitation.intro", vars) },
  ];
  if (input.price) {
    const price = formatMinorAmount(input.price.priceMinor, input.price.currency, input.locale);
    blocks.push({ type: "paragraph", text: t("email.invitation.privatePrice", { price }) });
  }
  blocks.push(
    {
      type: "paragraph",
      text: t("email.invitation.expires", {
        date: formatExpiry(input.expiresAt, input.locale, input.timeZone),
      }),
    },
    { type: "action", label: t("email.invitation.action"), url: input.url },
    { type: "paragraph", text: t("email.invitation.ignore", vars) },
  );
  return renderLayout({
    locale: input.locale,
    subject: t("email.invitation.subject", vars),
    blocks,
  });
}
