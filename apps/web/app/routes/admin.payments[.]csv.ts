import { paymentsCsv } from "@mentora/core/payments";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePaymentFilters } from "~/lib/admin-payments.server";
import { adminCsvExport } from "~/lib/csv-export.server";

/** Every payment matching Admin → Payments' filters as CSV (admins only), streamed. */
export function loader({ request }: LoaderFunctionArgs) {
  return adminCsvExport(request, {
    name: "payments",
    parse: parsePaymentFilters,
    lines: paymentsCsv,
  });
}
