import { fecLines } from "@mentora/core/accounting";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { accountingDownload, linesStream } from "~/lib/accounting-export.server";

/**
 * `/admin/fec.txt?year=2026[&currency=EUR]`: the FEC of a fiscal year under its official name
 * (SIRENFECAAAAMMJJ.txt), streamed; admins only, audit-logged.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  return accountingDownload(
    { request, context },
    {
      authorize: (caller, params) => {
        const currency = params.get("currency");
        return caller.admin.accounting.authorizeFecExport({
          year: Number(params.get("year") ?? Number.NaN),
          ...(currency ? { currency } : {}),
        });
      },
      body: (ctx, grant) => linesStream(ctx, fecLines(ctx.services, grant), "FEC export"),
      contentType: "text/plain; charset=utf-8",
    },
  );
}
