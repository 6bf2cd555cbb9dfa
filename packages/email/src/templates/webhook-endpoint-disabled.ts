import { createTranslator, type Locale } from "@mentora/i18n";
import { greeting, type RenderedEmail, renderLayout } from "./layout.ts";

/**
 * Sent to an endpoint's owner when its deliveries failed for too long and it was turned off
 * (decision 053): the integration is silent now, and they are the one who can fix it.
 */
export function renderWebhookEndpointDisabled(input: {
  locale: Locale;
  name: string;
  endpointUrl: string;
  failingSince: Date;
  manageUrl: string;
}): RenderedEmail {
  const t = createTranslator(input.locale);
  const appName = t("common.appName");
  const since = `${new Intl.DateTimeFormat(input.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(input.failingSince)} UTC`;
  return renderLayout({
    locale: input.locale,
    subject: t("email.webhookEndpointDisabled.subject", { appName }),
    blocks: [
      greeting(t, input.name),
      {
        type: "paragraph",
        text: t("email.webhookEndpointDisabled.intro", { url: input.endpointUrl, since }),
      },
      { type: "paragraph", text: t("email.webhookEndpointDisabled.fix") },
      { type: "action", label: t("email.webhookEndpointDisabled.action"), url: input.manageUrl },
    ],
  });
}
