import { z } from "zod";
import { adminProcedure } from "../../trpc/init.ts";
import { groupByPayment, paymentDocuments } from "../invoice-output.ts";

export const adminListByPaymentInput = z
  .object({ paymentIds: z.array(z.string().min(1).max(100)).max(100) })
  .strict();

/** Admins: the invoice and credit notes of each of these payments, whoever paid. */
export const adminListByPayment = adminProcedure
  .input(adminListByPaymentInput)
  .output(z.array(paymentDocuments))
  .query(async ({ ctx, input }) => {
    const invoices = await ctx.services.prisma.invoice.findMany({
      where: { kind: "INVOICE", paymentId: { in: input.paymentIds } },
    });
    const creditNotes = await ctx.services.prisma.invoice.findMany({
      where: { kind: "CREDIT_NOTE", originalInvoiceId: { in: invoices.map((row) => row.id) } },
    });
    return groupByPayment(input.paymentIds, [...invoices, ...creditNotes]);
  });
