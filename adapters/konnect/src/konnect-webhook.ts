import {
  type GatewayWebhookEvent,
  isGatewayError,
  type WebhookRequest,
  WebhookVerificationError,
} from "@mentora/payment-gateway";
import type { KonnectPaymentDetails } from "./payment-details.ts";

/** Konnect refs are 24-hex ids; accept a little more, never anything a path could abuse. */
const paymentRefPattern = /^[A-Za-z0-9_-]{6,64}$/;

export function readPaymentRef(request: WebhookRequest): string {
  let refs: string[];
  try {
    refs = new URL(request.url).searchParams.getAll("payment_ref");
  } catch {
    throw new WebhookVerificationError("konnect", "malformed", "Unparsable webhook URL");
  }
  const [ref] = refs;
  if (refs.length !== 1 || !ref || !paymentRefPattern.test(ref)) {
    throw new WebhookVerificationError("konnect", "malformed", "Missing or invalid payment_ref");
  }
  return ref;
}

/**
 * The id the edge dedupes on. Konnect's GET carries nothing but the ref, so the id names the
 * payment's state when the hint came: `konnect:<ref>:<status>:<transaction count>`. An exact
 * redelivery (same state) is stored once; a later real change (a failed attempt, then the
 * completion) yields a new id and gets through, even seconds apart. When Konnect cannot be
 * asked right now, the hint still gets through under a per-minute id; checking twice is harmless.
 */
export function checkEventId(ref: string, details: KonnectPaymentDetails | null, at: Date): string {
  if (details) return `konnect:${ref}:${details.status}:${details.transactionCount}`;
  return `konnect:${ref}:unverified:${Math.floor(at.getTime() / 60_000)}`;
}

export async function parseKonnectWebhook(
  request: WebhookRequest,
  fetchDetails: (ref: string) => Promise<KonnectPaymentDetails>,
  now: () => Date,
): Promise<GatewayWebhookEvent[]> {
  const providerPaymentId = readPaymentRef(request);
  let details: KonnectPaymentDetails | null = null;
  try {
    details = await fetchDetails(providerPaymentId);
  } catch (error) {
    if (isGatewayError(error, "permanent")) {
      if (error.code === "not_found") {
        throw new WebhookVerificationError("konnect", "malformed", "Konnect knows no such payment");
      }
      throw error;
    }
    if (!isGatewayError(error)) throw error;
  }
  const occurredAt = now();
  return [
    {
      type: "payment.check",
      eventId: checkEventId(providerPaymentId, details, occurredAt),
      providerPaymentId,
      occurredAt,
    },
  ];
}
