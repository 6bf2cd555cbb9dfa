import type { SandboxEventPayload } from "./sandbox-events.ts";
import { deliverByFetch, nowOf, type SandboxOptions } from "./sandbox-options.ts";
import { sandboxSignatureHeader, signSandboxPayload } from "./webhook-signature.ts";

/**
 * Signs and sends one webhook. A failed delivery never undoes the change it reports: the
 * return URL and getPayment still tell the truth, as with a real provider whose webhook is late.
 */
export async function sendSandboxWebhook(
  options: SandboxOptions,
  url: string,
  payload: SandboxEventPayload,
): Promise<void> {
  const body = JSON.stringify(payload);
  const delivery = {
    url,
    headers: {
      "content-type": "application/json",
      [sandboxSignatureHeader]: signSandboxPayload(options.webhookSecret, body, nowOf(options)),
    },
    body,
  };
  try {
    await (options.deliver ?? deliverByFetch)(delivery);
  } catch (error) {
    options.onDeliveryError?.(error, delivery);
  }
}
