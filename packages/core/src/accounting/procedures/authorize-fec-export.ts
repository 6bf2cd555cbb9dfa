import { isSupportedCurrency } from "@mentora/payment-gateway";
import { z } from "zod";
import { auditActorOf, writeAudit } from "../../audit/index.ts";
import { adminProcedure, requireFreshSession } from "../../trpc/init.ts";
import { FEC_BOOK_CURRENCY, fecFileName } from "../fec.ts";
import { sellerSiren } from "../seller.ts";

export const authorizeFecExportInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isSupportedCurrency, "Not a supported currency")
      .default(FEC_BOOK_CURRENCY),
  })
  .strict();

/**
 * Clears an admin to download the FEC of a fiscal year (the web route streams it) and records
 * it in the audit log; a fresh sign-in like other money actions.
 */
export const authorizeFecExport = adminProcedure
  .use(requireFreshSession)
  .input(authorizeFecExportInput)
  .output(z.object({ year: z.number(), currency: z.string(), fileName: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const fileName = fecFileName(sellerSiren(ctx.services.config), input.year, input.currency);
    await writeAudit(ctx.services.prisma, auditActorOf(ctx), {
      action: "accounting.export-fec",
      targetType: "fiscal-year",
      targetId: String(input.year),
      details: { year: input.year, currency: input.currency, fileName },
    });
    return { year: input.year, currency: input.currency, fileName };
  });
