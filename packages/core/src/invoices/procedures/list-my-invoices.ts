import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { groupByPayment, paymentDocuments } from "../invoice-output.ts";

export const listMineInput = z
  .object({ paymentIds: z.array(z.string().min(1).max(100)).max(100) })
  .strict();

/**
 * The caller's invoice and credit notes for each of these payments (the receipts page asks for
 * the payments it shows). Payments of other users come back with no documents.
 */
export const listMine = authedProcedure
  .input(listMineInput)
  .output(z.array(paymentDocuments))
  .query(async ({ ctx, input }) => {
    const invoices = await ctx.services.prisma.invoice.findMany({
      where: { ownerId: ctx.user.id, kind: "INVOICE", paymentId: { in: input.paymentIds } },
    });
    const creditNotes = await ctx.services.prisma.invoice.findMany({
      where: {
        ownerId: ctx.user.id,
        kind: "CREDIT_NOTE",
        originalInvoiceId: { in: invoices.map((row) => row.id) },
      },
    });
    return groupByPayment(input.paymentIds, [...invoices, ...creditNotes]);
  });
