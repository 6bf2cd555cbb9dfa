/** Idempotency keys are derived from our own records, never random: a retry reuses them. */
export const idempotencyKey = {
  payment: (paymentId: string) => `payment:${paymentId}`,
  refund: (refundId: string) => `refund:${refundId}`,
  payout: (payoutId: string) => `payout:${payoutId}`,
};
