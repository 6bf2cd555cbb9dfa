import { z } from "zod";
import { auditActorOf, writeAudit } from "../../audit/index.ts";
import { adminProcedure, requireFreshSession } from "../../trpc/init.ts";
import { archiveFileName } from "../invoice-archive.ts";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD");
/** A period longer than this is several exports: one download stays a reasonable size. */
const MAX_DAYS = 366;

export const authorizeInvoiceExportInput = z
  .object({ from: isoDay, to: isoDay })
  .strict()
  .superRefine((input, issues) => {
    const from = Date.parse(`${input.from}T00:00:00Z`);
    const to = Date.parse(`${input.to}T00:00:00Z`);
    if (Number.isNaN(from) || new Date(from).toISOString().slice(0, 10) !== input.from) {
      issues.addIssue({ code: "custom", path: ["from"], message: "Not a calendar date" });
    } else if (Number.isNaN(to) || new Date(to).toISOString().slice(0, 10) !== input.to) {
      issues.addIssue({ code: "custom", path: ["to"], message: "Not a calendar date" });
    } else if (to < from) {
      issues.addIssue({
        code: "custom",
        path: ["to"],
        message: "The period ends before it starts",
      });
    } else if ((to - from) / 86_400_000 + 1 > MAX_DAYS) {
      issues.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_DAYS} days` });
    }
  });

/**
 * Clears an admin to download a period's invoices and credit notes (the ZIP the web route
 * streams) and records it in the audit log: the archive holds every buyer's billing data, so
 * it is a money action (fresh sign-in, second factor).
 */
export const authorizeInvoiceExport = adminProcedure
  .use(requireFreshSession)
  .input(authorizeInvoiceExportInput)
  .output(z.object({ from: z.string(), to: z.string(), fileName: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const fileName = archiveFileName(input);
    await writeAudit(ctx.services.prisma, auditActorOf(ctx), {
      action: "accounting.export-invoices",
      targetType: "period",
      targetId: `${input.from}/${input.to}`,
      details: { from: input.from, to: input.to, fileName },
    });
    return { from: input.from, to: input.to, fileName };
  });
