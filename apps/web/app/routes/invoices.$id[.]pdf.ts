import { invoicePdfForContext } from "@mentora/core/invoices";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCaller } from "~/lib/trpc.server";

/**
 * `/invoices/<id>.pdf`: an invoice, credit note or payout statement as a download, for its
 * buyer (or the mentor of a statement) and admins. Everyone else, signed in or not, and unknown
 * ids get the same 404 (never 403: existence is not revealed, and anonymous visitors are not
 * sent to sign-in, which would say the id exists). A document not rendered yet answers 202 with
 * a page that reloads itself; stored bytes that fail their sha256 check answer 500
 * INVOICE_INTEGRITY_ERROR and are never sent (core/src/invoices/serve.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await getCaller(request);
  return invoicePdfForContext(ctx, params.id ?? "", request.method);
}
