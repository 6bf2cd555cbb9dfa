import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/**
 * A payment succeeded and its money is booked. For a booking payment whose booking could still
 * be confirmed, `creditedToWallet` is false and bookings confirms it in this transaction; when
 * the booking was gone (cancelled, expired) or the payment had been closed, the money went to
 * the payer's wallet instead (`creditedToWallet`: nothing to confirm or invoice).
 */
export const paymentSettled = defineEvent({
  type: "payment.settled",
  version: 1,
  schema: z.object({
    paymentId: z.string(),
    purpose: z.enum(["BOOKING", "TOP_UP"]),
    bookingId: z.string().nullable(),
    creditedToWallet: z.boolean(),
  }),
  key: (data) => [data.paymentId],
});

/** A refund of a booking payment was recorded (its gateway part may still be paying back). */
export const paymentRefunded = defineEvent({
  type: "payment.refunded",
  version: 1,
  schema: z.object({ refundId: z.string(), paymentId: z.string(), amountMinor: z.number().int() }),
  key: (data) => [data.refundId],
});

/** A payment failed at the provider (not an expiry or our own cancellation): the payer is told. */
export const paymentFailed = defineEvent({
  type: "payment.failed",
  version: 1,
  schema: z.object({
    paymentId: z.string(),
    userId: z.string(),
    bookingId: z.string().nullable(),
    currency: z.string(),
    amountMinor: z.number().int(),
  }),
  key: (data) => [data.paymentId],
});

/** A provider's webhook event failed its last attempt (DEAD): it waits for an admin's replay. */
export const webhookFailed = defineEvent({
  type: "webhook.failed",
  version: 1,
  schema: z.object({
    webhookEventId: z.string(),
    provider: z.string(),
    attempts: z.number().int(),
  }),
  key: (data) => [data.webhookEventId, data.attempts],
});
