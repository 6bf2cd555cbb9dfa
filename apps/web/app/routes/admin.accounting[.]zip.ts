import { invoiceArchive } from "@mentora/core/accounting";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { accountingDownload } from "~/lib/accounting-export.server";

/**
 * `/admin/accounting.zip?from=YYYY-MM-DD&to=YYYY-MM-DD`: the period's invoices and credit notes
 * (PDFs, Factur-X XMLs, summary.csv) for the accountant, streamed; admins only, audit-logged.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  return accountingDownload(
    { request, context },
    {
      authorize: (caller, params) =>
        caller.admin.accounting.authorizeInvoiceExport({
          from: params.get("from") ?? "",
          to: params.get("to") ?? "",
        }),
      body: (ctx, grant) => invoiceArchive(ctx.services, grant),
      contentType: "application/zip",
    },
  );
}
