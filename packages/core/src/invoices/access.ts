import type { AppServices } from "../app/types.ts";
import type { InvoiceRow } from "./issue.ts";

export interface Viewer {
  id: string;
  role: string;
}

/**
 * The document if this viewer may read it: its owner (the buyer of an invoice or credit note,
 * the mentor of a payout statement) or an admin. Null for anyone else, anonymous viewers and
 * unknown ids alike, so callers answer all three the same way (404) and reveal nothing.
 */
export async function findReadableInvoice(
  services: Pick<AppServices, "prisma">,
  viewer: Viewer | null | undefined,
  invoiceId: string,
): Promise<InvoiceRow | null> {
  if (!viewer || typeof invoiceId !== "string" || invoiceId.length > 100) return null;
  const invoice = await services.prisma.invoice.findUnique({ where: { id: invoiceId } });
  if (!invoice) return null;
  return canRead(viewer, invoice) ? invoice : null;
}

export function canRead(viewer: Viewer, invoice: Pick<InvoiceRow, "ownerId">): boolean {
  return viewer.role === "ADMIN" || invoice.ownerId === viewer.id;
}

/** The download path of a document in the web app. */
export function invoiceUrlPath(invoiceId: string): string {
  return `/invoices/${encodeURIComponent(invoiceId)}.pdf`;
}

export function invoiceUrl(publicUrl: string, invoiceId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${invoiceUrlPath(invoiceId)}`;
}
