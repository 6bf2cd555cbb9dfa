import { money, type ProviderPayment, type ProviderPaymentStatus } from "@mentora/payment-gateway";
import { invalidResponse } from "./konnect-errors.ts";

/** What we read from GET /payments/:paymentRef, checked field by field. */
export interface KonnectPaymentDetails {
  ref: string;
  status: string;
  amountMinor: number;
  currency: string;
  orderId?: string;
  transactionCount: number;
}

export function readPaymentDetails(ref: string, body: unknown): KonnectPaymentDetails {
  const payment = (body as { payment?: unknown } | null)?.payment as
    | Record<string, unknown>
    | undefined;
  if (!payment || typeof payment !== "object") throw invalidResponse("no payment object");
  const { status, amount, token, orderId, transactions } = payment;
  if (typeof status !== "string") throw invalidResponse("a payment without status");
  if (!Number.isSafeInteger(amount) || (amount as number) < 0) {
    throw invalidResponse("a payment amount that is not an integer of minor units");
  }
  return {
    ref,
    status,
    amountMinor: amount as number,
    // Konnect's default token is TND when none was given.
    currency: typeof token === "string" ? token : "TND",
    ...(typeof orderId === "string" ? { orderId } : {}),
    transactionCount: Array.isArray(transactions) ? transactions.length : 0,
  };
}

/**
 * Only the payment's own status counts: a failed attempt leaves it "pending" with a failed
 * transaction, and a later attempt may still complete it. Konnect documents no expired status;
 * if it ever sends one we report it, anything else unknown stays pending (never succeeded).
 */
export function providerStatus(konnectStatus: string): ProviderPaymentStatus {
  if (konnectStatus === "completed") return "succeeded";
  if (konnectStatus === "expired") return "expired";
  return "pending";
}

export function toProviderPayment(details: KonnectPaymentDetails): ProviderPayment {
  let amount: ReturnType<typeof money>;
  try {
    amount = money(details.amountMinor, details.currency);
  } catch {
    throw invalidResponse(`an amount in an unknown currency ${details.currency}`);
  }
  return {
    providerPaymentId: details.ref,
    status: providerStatus(details.status),
    amount,
    // Konnect has no refunds API: nothing is ever refunded through it.
    amountRefunded: money(0, details.currency),
    ...(details.orderId ? { paymentId: details.orderId } : {}),
  };
}
