import type { PayoutDestination } from "@mentora/payment-gateway";
import { z } from "zod";

/** ISO 13616: two letters, two check digits, up to 30 alphanumerics; mod 97 of the rearranged number is 1. */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const normalizedIban = z
  .string()
  .trim()
  .max(50)
  .transform((value) => value.replace(/\s+/g, "").toUpperCase())
  .refine(isValidIban, { message: "not a valid IBAN" });

/** What a mentor may set, by kind. The same shapes are stored in payout_method.destination. */
export const payoutMethodInput = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("STRIPE_CONNECT"),
      accountId: z
        .string()
        .trim()
        .regex(/^acct_[A-Za-z0-9]{6,64}$/, "a Stripe connected account id (acct_…)"),
    })
    .strict(),
  z.object({ kind: z.literal("PAYPAL"), email: z.email().max(254) }).strict(),
  z
    .object({
      kind: z.literal("BANK_TRANSFER"),
      iban: normalizedIban,
      accountHolder: z.string().trim().min(2).max(140),
      bic: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, "a BIC (8 or 11 characters)")
        .optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("SANDBOX"),
      /** Any label; one containing "fail" is refused by the sandbox (to try the failure path). */
      account: z.string().trim().min(1).max(100),
    })
    .strict(),
]);

export type PayoutMethodValue = z.output<typeof payoutMethodInput>;
export type PayoutMethodKind = PayoutMethodValue["kind"];

/** The gateway (registry id) that pays each kind; null: paid by hand (bank transfer). */
export function gatewayIdOf(kind: PayoutMethodKind): string | null {
  switch (kind) {
    case "STRIPE_CONNECT":
      return "stripe";
    case "PAYPAL":
      return "paypal";
    case "SANDBOX":
      return "sandbox";
    case "BANK_TRANSFER":
      return null;
  }
}

/** What the gateway is told to pay; null for a manual bank transfer. */
export function gatewayDestinationOf(method: PayoutMethodValue): PayoutDestination | null {
  switch (method.kind) {
    case "STRIPE_CONNECT":
      return { kind: "stripe_account", accountId: method.accountId };
    case "PAYPAL":
      return { kind: "paypal_email", email: method.email };
    case "SANDBOX":
      return { kind: "sandbox", account: method.account };
    case "BANK_TRANSFER":
      return null;
  }
}

/** A stored method (kind + destination JSON) back into its validated value. */
export function methodFromRow(row: { kind: string; destination: unknown }): PayoutMethodValue {
  return payoutMethodInput.parse({ ...(row.destination as object), kind: row.kind });
}

/** The destination JSON stored for a method (its fields without the kind). */
export function destinationJsonOf(method: PayoutMethodValue): Record<string, string> {
  const { kind: _kind, ...fields } = method;
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** For lists: the IBAN shown as its country and last four characters only. */
export function maskedDestination(method: PayoutMethodValue): string {
  switch (method.kind) {
    case "STRIPE_CONNECT":
      return method.accountId;
    case "PAYPAL":
      return method.email;
    case "SANDBOX":
      return `sandbox:${method.account}`;
    case "BANK_TRANSFER":
      return `${method.iban.slice(0, 2)}…${method.iban.slice(-4)} (${method.accountHolder})`;
  }
}
