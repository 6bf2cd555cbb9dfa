import { z } from "zod";
import { priceBreakdown } from "../../invoices/index.ts";
import { publicProcedure } from "../../trpc/init.ts";

export const priceDetailsInput = z
  .object({
    priceMinor: z.number().int().min(0).max(100_000_000),
    currency: z.string().regex(/^[A-Z]{3}$/),
  })
  .strict();

export const priceDetailsOutput = z.object({
  priceMinor: z.number().int(),
  currency: z.string(),
  /** Price before VAT, VAT and the rate, as the invoice will print them (prices include VAT). */
  exclMinor: z.number().int(),
  vatMinor: z.number().int(),
  vatRateBasisPoints: z.number().int(),
  vatExempt: z.boolean(),
  /** Mentees may cancel, refunded in full, until this many hours before the start. */
  freeCancellationHours: z.number().int(),
  /** A paid place is held this long while the mentee pays. */
  holdMinutes: z.number().int(),
});

/**
 * What the confirmation shows before booking: the VAT in a price (the invoices' own rule, so the
 * page and the invoice agree) and the cancellation policy. Pure arithmetic on public settings.
 */
export const priceDetails = publicProcedure
  .input(priceDetailsInput)
  .output(priceDetailsOutput)
  .query(({ ctx, input }) => {
    const { config } = ctx.services;
    const vat = priceBreakdown(config.invoices, input.priceMinor);
    return {
      priceMinor: input.priceMinor,
      currency: input.currency,
      exclMinor: vat.exclMinor,
      vatMinor: vat.vatMinor,
      vatRateBasisPoints: vat.rateBasisPoints,
      vatExempt: vat.exempt,
      freeCancellationHours: config.bookings.menteeFreeCancellationHours,
      holdMinutes: config.bookings.holdMinutes,
    };
  });
