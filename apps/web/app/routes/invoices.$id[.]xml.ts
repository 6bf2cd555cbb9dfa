import { invoiceXmlForContext } from "@mentora/core/invoices";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCaller } from "~/lib/trpc.server";

/**
 * `/invoices/<id>.xml`: an invoice's or credit note's Factur-X XML alone, built from its frozen
 * snapshot, for the same people as its PDF (buyer, admins). Everyone else and unknown ids get
 * the same 404 (core/src/invoices/serve-xml.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await getCaller(request);
  return invoiceXmlForContext(ctx, params.id ?? "", request.method);
}
