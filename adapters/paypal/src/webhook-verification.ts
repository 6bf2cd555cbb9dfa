import { type WebhookRequest, WebhookVerificationError } from "@mentora/payment-gateway";
import type { PayPalCalls } from "./paypal-calls.ts";
import { PROVIDER } from "./paypal-errors.ts";

/** A PayPal webhook event, as much of it as we read. */
export interface PayPalWebhookEvent {
  id: string;
  event_type: string;
  create_time?: string;
  resource?: Record<string, unknown>;
}

export interface WebhookVerificationOptions {
  webhookId: string;
  /** Older (or further in the future) transmissions are refused as stale. */
  toleranceSeconds: number;
}

const transmissionHeaders = [
  "paypal-transmission-id",
  "paypal-transmission-time",
  "paypal-transmission-sig",
  "paypal-cert-url",
  "paypal-auth-algo",
] as const;

function refuse(reason: WebhookVerificationError["reason"], message: string): never {
  throw new WebhookVerificationError(PROVIDER, reason, message);
}

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** PayPal's signing certificates are served over https from its own domain, nowhere else. */
function isPayPalCertUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === "https:" &&
    url.port === "" &&
    url.username === "" &&
    url.password === "" &&
    (url.hostname === "paypal.com" || url.hostname.endsWith(".paypal.com"))
  );
}

function parseEvent(rawBody: Uint8Array): { text: string; event: PayPalWebhookEvent } {
  let text: string;
  let event: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(rawBody);
    event = JSON.parse(text);
  } catch {
    return refuse("malformed", "Webhook body is not JSON");
  }
  const { id, event_type } = (event ?? {}) as Partial<PayPalWebhookEvent>;
  if (typeof id !== "string" || typeof event_type !== "string") {
    return refuse("malformed", "Webhook body is not a PayPal event");
  }
  return { text, event: event as PayPalWebhookEvent };
}

/**
 * Asks PayPal (POST /v1/notifications/verify-webhook-signature) whether it sent this request:
 * PayPal checks its RSA-SHA256 signature over transmission id|time|webhook id|CRC32(body).
 * Each delivery attempt, retries included, is a new transmission with its own time, so a
 * transmission older than the tolerance is a replay and is refused before asking. Everything we
 * can check for free comes first (headers, certificate on PayPal's domain, algorithm, time,
 * body), so a forged request never makes us call PayPal. The webhook id is ours (configured),
 * never taken from the request.
 */
export async function verifyWebhook(
  request: WebhookRequest,
  { sendOnce }: PayPalCalls,
  { webhookId, toleranceSeconds }: WebhookVerificationOptions,
): Promise<PayPalWebhookEvent> {
  const headers = lowerCaseHeaders(request.headers);
  const missing = transmissionHeaders.filter((name) => !headers[name]);
  if (missing.length > 0) refuse("missing_signature", `Missing ${missing.join(", ")}`);
  if (!isPayPalCertUrl(headers["paypal-cert-url"] ?? "")) {
    refuse("bad_signature", "Certificate URL is not on PayPal's domain");
  }
  if (headers["paypal-auth-algo"] !== "SHA256withRSA") {
    refuse("bad_signature", "Unexpected paypal-auth-algo");
  }
  const { text, event } = parseEvent(request.rawBody);
  const sentAt = Date.parse(headers["paypal-transmission-time"] ?? "");
  if (Number.isNaN(sentAt)) refuse("malformed", "Unreadable paypal-transmission-time");
  if (Math.abs(Date.now() - sentAt) > toleranceSeconds * 1000) {
    refuse("stale", `Transmitted at ${new Date(sentAt).toISOString()}`);
  }
  // The event's bytes are spliced in verbatim: re-serializing could change what PayPal signed.
  const fields = {
    auth_algo: headers["paypal-auth-algo"],
    cert_url: headers["paypal-cert-url"],
    transmission_id: headers["paypal-transmission-id"],
    transmission_sig: headers["paypal-transmission-sig"],
    transmission_time: headers["paypal-transmission-time"],
    webhook_id: webhookId,
  };
  const body = `${JSON.stringify(fields).slice(0, -1)},"webhook_event":${text}}`;
  const response = await sendOnce(
    "POST",
    "/v1/notifications/verify-webhook-signature",
    { body },
    // PayPal refusing the request itself means the headers we were sent are garbage.
    ({ status }) => status === 400 || status === 422,
  );
  if (response.status >= 300) refuse("malformed", `PayPal refused to verify (${response.status})`);
  const status = (response.body as { verification_status?: string } | undefined)
    ?.verification_status;
  if (status !== "SUCCESS") refuse("bad_signature", `PayPal says ${status ?? "nothing"}`);
  return event;
}
