import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { startWalletTopUp } from "../checkout/start-payment.ts";
import { startedPaymentOutput } from "./start-for-booking.ts";

export const startTopUpInput = z
  .object({
    amountMinor: z.number().int().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/),
  })
  .strict();

/** Adds money to the caller's wallet through the gateway routed for the currency. */
export const startTopUp = authedProcedure
  .input(startTopUpInput)
  .output(startedPaymentOutput)
  .mutation(({ ctx, input }) => startWalletTopUp(ctx.services, { ...input, userId: ctx.user.id }));
