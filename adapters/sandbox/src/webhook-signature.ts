import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookVerificationError } from "@mentora/payment-gateway";

export const sandboxSignatureHeader = "x-sandbox-signature";
export const signatureToleranceSeconds = 300;

function hmacOf(secret: string, timestamp: number, rawBody: string | Uint8Array): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest();
}

function hmacHex(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  return hmacOf(secret, timestamp, rawBody).toString("hex");
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<rawBody>">`, like Stripe's scheme. */
export function signSandboxPayload(secret: string, rawBody: string | Uint8Array, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

/**
 * Checks the signature header against the exact bytes received. The signature is checked
 * before the age, so only an authentic but old request reads as "stale".
 */
export function verifySandboxSignature(
  header: string | undefined,
  rawBody: Uint8Array,
  secret: string,
  now: Date,
): void {
  if (!header) throw new WebhookVerificationError("sandbox", "missing_signature", "No signature");
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value = ""] = part.trim().split("=", 2);
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookVerificationError("sandbox", "bad_signature", "Unparsable signature header");
  }
  const expected = hmacOf(secret, timestamp, rawBody);
  // Every candidate is compared in constant time; several v1 values allow secret rotation.
  const matches = signatures.filter((s) => timingSafeEqual(Buffer.from(s, "hex"), expected));
  if (matches.length === 0) {
    throw new WebhookVerificationError("sandbox", "bad_signature", "Signature does not match");
  }
  if (Math.abs(now.getTime() / 1000 - timestamp) > signatureToleranceSeconds) {
    throw new WebhookVerificationError("sandbox", "stale", "Signature timestamp out of tolerance");
  }
}
