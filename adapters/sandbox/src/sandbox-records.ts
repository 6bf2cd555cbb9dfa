import type { Money, PayoutDestination } from "@mentora/payment-gateway";

export type SandboxPaymentStatus = "pending" | "succeeded" | "failed" | "expired";

export interface SandboxRefundRecord {
  /** The sandbox's refund id (providerRefundId). */
  id: string;
  /** Our refund id and its idempotency key, as core sent them. */
  refundId: string;
  idempotencyKey: string;
  amountMinor: number;
  createdAt: Date;
}

/** One hosted checkout of the sandbox "provider". */
export interface SandboxPaymentRecord {
  /** The sandbox's payment id (providerPaymentId), also in the checkout URL. */
  id: string;
  /** Our payment id. */
  paymentId: string;
  /** Unique: a retried createCheckout finds this record instead of making a second. */
  idempotencyKey: string;
  amount: Money;
  description: string;
  status: SandboxPaymentStatus;
  refunds: SandboxRefundRecord[];
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
  webhookUrl: string;
  createdAt: Date;
  /** Bumped by every update; updates compare-and-set on it. */
  version: number;
}

export interface SandboxPayoutRecord {
  /** The sandbox's payout id (providerPayoutId). */
  id: string;
  payoutId: string;
  /** Unique, like a payment's. */
  idempotencyKey: string;
  amount: Money;
  destination: PayoutDestination;
  status: "paid" | "failed";
  failureReason?: string;
  webhookUrl: string;
  createdAt: Date;
}
