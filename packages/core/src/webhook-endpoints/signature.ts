import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Mentora's webhook signature, shaped like Stripe's so integrators know it:
 * `Mentora-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the
 * endpoint's secret. This file imports only node:crypto so a receiver can copy it as is
 * (docs/webhooks.md); `@mentora/core/webhook-signature` exports it too.
 */
export const signatureHeader = "Mentora-Signature";

/** How old a signature may be before a receiver refuses it (replays of a captured request). */
export const defaultToleranceSeconds = 300;

/** A new endpoint secret: `whsec_` and 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The header value for this body, signed at `timestamp` (unix seconds). */
export function signWebhookPayload(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export type SignatureCheck =
  | { valid: true; timestamp: number }
  | { valid: false; reason: "malformed" | "mismatch" | "expired" };

/**
 * Checks a `Mentora-Signature` header against the RAW request body (the exact bytes received,
 * before any JSON parsing). Constant-time comparison; any `v1` entry may match (several are sent
 * while a secret rotates, should that ever be added). Refuses timestamps further than
 * `toleranceSeconds` from `now` either way.
 */
export function verifyWebhookSignature(input: {
  header: string | null | undefined;
  body: string;
  secret: string;
  toleranceSeconds?: number;
  now?: Date;
}): SignatureCheck {
  const parts = (input.header ?? "").split(",").map((part) => part.trim().split("="));
  const timestamps = parts.filter(([key]) => key === "t").map(([, value]) => value ?? "");
  const signatures = parts.filter(([key]) => key === "v1").map(([, value]) => value ?? "");
  const [t] = timestamps;
  if (timestamps.length !== 1 || !t || !/^\d{1,12}$/.test(t) || signatures.length === 0) {
    return { valid: false, reason: "malformed" };
  }
  const timestamp = Number(t);
  const expected = Buffer.from(hmacHex(input.secret, timestamp, input.body), "hex");
  const matches = signatures.some((signature) => {
    if (!/^[0-9a-f]{64}$/.test(signature)) return false;
    return timingSafeEqual(expected, Buffer.from(signature, "hex"));
  });
  if (!matches) return { valid: false, reason: "mismatch" };
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const tolerance = input.toleranceSeconds ?? defaultToleranceSeconds;
  if (Math.abs(nowSeconds - timestamp) > tolerance) return { valid: false, reason: "expired" };
  return { valid: true, timestamp };
}
