import { clientIp } from "@mentora/core";
import { receiveWebhook, type WebhookDelivery } from "@mentora/core/payments";
import { getServices } from "./services.server";

/** An answer as status, headers and body text (what the route and the server's lane send). */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export function webhookAnswerOf(
  response: Awaited<ReturnType<typeof receiveWebhook>>,
): WebhookAnswer {
  const text = JSON.stringify(response.body);
  const headers: Record<string, string> = {
    "Cache-Control": "no-store",
    "Content-Type": "application/json",
    // A known length below compression's threshold: no gzip stream set up for a few bytes
    // (Remix streams bodies, so without it every answer was compressed; decision 055).
    "Content-Length": String(Buffer.byteLength(text)),
  };
  if (response.retryAfterSeconds) headers["Retry-After"] = String(response.retryAfterSeconds);
  return { status: response.status, headers, text };
}

/**
 * A payment provider's webhook for the production server's webhook lane (server.ts, decision
 * 064, reached through entry.server's exports): node's request line, headers and a body reader
 * in, the answer's text out; no fetch Request, Headers or Response stream per webhook. The
 * route `api.webhooks.$provider` does the same for the dev server.
 */
export async function receivePaymentWebhook(
  delivery: WebhookDelivery,
  provider: string,
  socketAddress: string | undefined,
): Promise<WebhookAnswer> {
  const services = await getServices();
  const forwardedFor = delivery.headers["x-forwarded-for"] ?? null;
  const ip = clientIp(
    {
      headers: { get: (name) => (name === "x-forwarded-for" ? forwardedFor : null) },
      remoteAddress: socketAddress,
    },
    services.config.network.trustedProxies,
  );
  return webhookAnswerOf(await receiveWebhook(services, delivery, provider, ip));
}
