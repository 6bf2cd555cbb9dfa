import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The secret in a payment's return URL: an HMAC of the payment id under AUTH_SECRET, so it is
 * never stored, is the same on every retry of createCheckout (a provider compares the retried
 * request with the first), and cannot be guessed from the id. Single use is enforced by the
 * payment row (returnUsedAt).
 */
export function returnSecretFor(authSecret: string, paymentId: string): string {
  return createHmac("sha256", authSecret).update(`payment-return:${paymentId}`).digest("base64url");
}

/** Constant-time comparison: the time taken says nothing about how much of a guess was right. */
export function isReturnSecretValid(
  authSecret: string,
  paymentId: string,
  candidate: string,
): boolean {
  const expected = Buffer.from(returnSecretFor(authSecret, paymentId));
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function returnUrlFor(publicUrl: string, authSecret: string, paymentId: string): string {
  const base = publicUrl.replace(/\/+$/, "");
  return `${base}/payments/${paymentId}/return?secret=${returnSecretFor(authSecret, paymentId)}`;
}

export function statusUrlFor(publicUrl: string, paymentId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/payments/${paymentId}`;
}
