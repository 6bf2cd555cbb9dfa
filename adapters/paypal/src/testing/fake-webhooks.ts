import { type KeyObject, randomUUID, sign, verify } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { crc32 } from "node:zlib";
import type { WebhookRequest } from "@mentora/payment-gateway";
import { apiHost, now, paypalId } from "./fake-support.ts";

export const fakeCertUrl = `${apiHost}/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77`;
const authAlgo = "SHA256withRSA";
/** verify-webhook-signature's own spec pattern for transmission ids and signatures. */
const specPattern = /^(?!\d+$)\w+\S+/;

export interface WebhookSigningOptions {
  webhookId: string;
  /** The key pair "PayPal" signs with; the test generates it. */
  keys: { privateKey: KeyObject; publicKey: KeyObject };
  /** The URL the deliveries are addressed to. */
  webhookUrl: string;
}

export interface VerifyRequest {
  auth_algo: string;
  cert_url: string;
  transmission_id: string;
  transmission_sig: string;
  transmission_time: string;
  webhook_id: string;
  webhook_event: unknown;
}

const signedText = (id: string, time: string, webhookId: string, rawBody: string) =>
  `${id}|${time}|${webhookId}|${crc32(Buffer.from(rawBody, "utf8"))}`;

/**
 * PayPal's webhook side: queued events, signed at delivery (RSA-SHA256 over
 * transmissionId|time|webhookId|crc32(body)), and verify-webhook-signature answering from its
 * own record of what it signed, checked with the public key, so forgeries really fail.
 */
export function createFakeWebhooks({ webhookId, keys, webhookUrl }: WebhookSigningOptions) {
  const queue: string[] = [];
  const signed = new Map<string, string>(); // transmission id -> raw body

  function emit(eventType: string, resourceType: string, resource: object): void {
    const id = `WH-${paypalId(17)}-${paypalId(17)}`;
    const event = {
      id,
      event_version: "1.0",
      create_time: now(),
      resource_type: resourceType,
      resource_version: "2.0",
      event_type: eventType,
      summary: `${eventType} (fake)`,
      resource,
      links: [
        { href: `${apiHost}/v1/notifications/webhooks-events/${id}`, rel: "self", method: "GET" },
        {
          href: `${apiHost}/v1/notifications/webhooks-events/${id}/resend`,
          rel: "resend",
          method: "POST",
        },
      ],
    };
    queue.push(JSON.stringify(event));
  }

  /** A delivery of rawBody transmitted at `at`, signed with PayPal's key and recorded. */
  function deliver(rawBody: string, at = new Date()): WebhookRequest {
    const time = at.toISOString();
    for (;;) {
      const id = randomUUID();
      const text = signedText(id, time, webhookId, rawBody);
      const sig = sign("sha256", Buffer.from(text), keys.privateKey).toString("base64");
      // PayPal's own spec pattern refuses a signature starting with + or /: stay within it.
      if (!specPattern.test(sig)) continue;
      signed.set(id, rawBody);
      return {
        method: "POST",
        url: webhookUrl,
        headers: {
          "content-type": "application/json",
          "paypal-transmission-id": id,
          "paypal-transmission-time": time,
          "paypal-transmission-sig": sig,
          "paypal-cert-url": fakeCertUrl,
          "paypal-auth-algo": authAlgo,
        },
        rawBody: new Uint8Array(Buffer.from(rawBody, "utf8")),
      };
    }
  }

  /** The same delivery, its signature made over the same text with another key. */
  function forge(request: WebhookRequest, forgerKey: KeyObject): WebhookRequest {
    const id = request.headers["paypal-transmission-id"] ?? "";
    const time = request.headers["paypal-transmission-time"] ?? "";
    const text = signedText(id, time, webhookId, Buffer.from(request.rawBody).toString("utf8"));
    const sig = sign("sha256", Buffer.from(text), forgerKey).toString("base64");
    const headers = { ...request.headers, "paypal-transmission-sig": sig.replace(/^[+/]/, "A") };
    return { ...request, headers };
  }

  function verifySignature(request: VerifyRequest): "SUCCESS" | "FAILURE" {
    const rawBody = signed.get(request.transmission_id);
    if (
      !rawBody ||
      request.webhook_id !== webhookId ||
      request.auth_algo !== authAlgo ||
      request.cert_url !== fakeCertUrl ||
      !isDeepStrictEqual(JSON.parse(rawBody), request.webhook_event)
    ) {
      return "FAILURE";
    }
    const text = signedText(request.transmission_id, request.transmission_time, webhookId, rawBody);
    const signature = Buffer.from(request.transmission_sig, "base64");
    return verify("sha256", Buffer.from(text), keys.publicKey, signature) ? "SUCCESS" : "FAILURE";
  }

  return {
    emit,
    verifySignature,
    /** The deliveries since the last call, each signed now. */
    take: (): WebhookRequest[] => queue.splice(0).map((body) => deliver(body)),
    forge,
    /** The same event, delivered (and correctly signed) at another time. */
    resign: (request: WebhookRequest, at: Date): WebhookRequest =>
      deliver(Buffer.from(request.rawBody).toString("utf8"), at),
  };
}
