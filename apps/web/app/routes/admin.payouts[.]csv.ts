import { payoutsCsv } from "@mentora/core/payouts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePayoutFilters } from "~/lib/admin-payouts.server";
import { adminCsvExport } from "~/lib/csv-export.server";

/** Every payout matching Admin → Payouts' filters as CSV (admins only), streamed. */
export function loader({ request }: LoaderFunctionArgs) {
  return adminCsvExport(request, {
    name: "payouts",
    parse: parsePayoutFilters,
    lines: (services, filters, csv) => payoutsCsv(services.prisma, filters, csv),
  });
}
