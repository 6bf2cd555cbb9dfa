import type { Prisma } from "@mentora/db";
import { z } from "zod";

import { paymentStatus } from "../contracts/index.ts";

export { paymentStatus };

/** A payment as its payer (or an admin) sees it; never the provider's redirect secret. */
export const paymentOutput = z.object({
  id: z.string(),
  purpose: z.enum(["BOOKING", "TOP_UP"]),
  status: paymentStatus,
  currency: z.string(),
  amountMinor: z.number().int(),
  walletAmountMinor: z.number().int(),
  gatewayAmountMinor: z.number().int(),
  refundedMinor: z.number().int(),
  provider: z.string().nullable(),
  creditedToWallet: z.boolean(),
  failureReason: z.string().nullable(),
  expiresAt: z.date(),
  createdAt: z.date(),
  closedAt: z.date().nullable(),
  /** Where to continue paying while PENDING with a checkout open. */
  checkoutUrl: z.string().nullable(),
  booking: z
    .object({
      id: z.string(),
      status: z.string(),
      offeringTitle: z.string(),
      startsAt: z.date(),
      mentorName: z.string(),
    })
    .nullable(),
  refunds: z.array(
    z.object({
      id: z.string(),
      amountMinor: z.number().int(),
      destination: z.enum(["ORIGINAL", "WALLET"]),
      status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
      reason: z.string(),
      createdAt: z.date(),
    }),
  ),
});

export type PaymentOutput = z.infer<typeof paymentOutput>;

export const paymentInclude = {
  booking: {
    select: {
      id: true,
      status: true,
      offeringTitle: true,
      session: { select: { startsAt: true, mentor: { select: { name: true } } } },
    },
  },
  refunds: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.PaymentInclude;

type PaymentWithRelations = Prisma.PaymentGetPayload<{ include: typeof paymentInclude }>;

export function toPaymentOutput(payment: PaymentWithRelations): PaymentOutput {
  return {
    id: payment.id,
    purpose: payment.purpose,
    status: payment.status,
    currency: payment.currency,
    amountMinor: payment.amountMinor,
    walletAmountMinor: payment.walletAmountMinor,
    gatewayAmountMinor: payment.gatewayAmountMinor,
    refundedMinor: payment.refundedMinor,
    provider: payment.provider,
    creditedToWallet: payment.creditedToWallet,
    failureReason: payment.failureReason,
    expiresAt: payment.expiresAt,
    createdAt: payment.createdAt,
    closedAt: payment.closedAt,
    checkoutUrl: payment.status === "PENDING" ? payment.redirectUrl : null,
    booking: payment.booking
      ? {
          id: payment.booking.id,
          status: payment.booking.status,
          offeringTitle: payment.booking.offeringTitle,
          startsAt: payment.booking.session.startsAt,
          mentorName: payment.booking.session.mentor.name,
        }
      : null,
    refunds: payment.refunds.map((refund) => ({
      id: refund.id,
      amountMinor: refund.amountMinor,
      destination: refund.destination,
      status: refund.status,
      reason: refund.reason,
      createdAt: refund.createdAt,
    })),
  };
}
