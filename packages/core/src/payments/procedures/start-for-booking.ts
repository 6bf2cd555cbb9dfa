import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { startBookingPayment } from "../checkout/start-payment.ts";

export const startForBookingInput = z
  .object({
    bookingId: z.string().min(1).max(100),
    /** The buyer's reference (purchase order), printed on the invoice and carried as BT-13. */
    orderNumber: z
      .string()
      .trim()
      .max(50)
      .regex(/^[^\p{Cc}]*$/u, "No control characters")
      .optional(),
  })
  .strict();

export const startedPaymentOutput = z.object({
  paymentId: z.string(),
  status: z.enum(["PENDING", "SUCCEEDED"]),
  redirectUrl: z.string(),
});

/** Pays the caller's held booking: wallet first, the gateway for the rest. Resumes an open one. */
export const startForBooking = authedProcedure
  .input(startForBookingInput)
  .output(startedPaymentOutput)
  .mutation(({ ctx, input }) =>
    startBookingPayment(ctx.services, {
      bookingId: input.bookingId,
      userId: ctx.user.id,
      buyerReference: input.orderNumber || null,
    }),
  );
