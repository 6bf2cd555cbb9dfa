// The XML builder alone: the package index would pull the PDF renderer (and its fonts) into the
// web bundle, which loads it lazily (core/src/invoices/render.ts).
import { buildFacturXml } from "@mentora/invoice-pdf/facturx";
import type { AppServices } from "../app/types.ts";
import type { Context } from "../trpc/context.ts";
import { findReadableInvoice, type Viewer } from "./access.ts";
import { documentOf, type InvoiceRow } from "./issue.ts";

const noStore = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
};

export const INVOICE_XML_CONTENT_TYPE = "application/xml; charset=utf-8";

/** Invoices and credit notes are e-invoices; a payout statement is not one (no Factur-X). */
export function hasFacturXml(invoice: Pick<InvoiceRow, "kind">): boolean {
  return invoice.kind === "INVOICE" || invoice.kind === "CREDIT_NOTE";
}

/**
 * The Factur-X (EN 16931 CII) XML of an issued document, built from its frozen snapshot: the
 * same bytes for every download, and available for documents issued before Factur-X too. A
 * credit note issued before snapshots carried the corrected invoice's date (BT-26) gets it from
 * that invoice's row; the stored snapshot itself is never rewritten.
 */
export async function facturXmlOf(
  services: Pick<AppServices, "prisma">,
  invoice: Pick<InvoiceRow, "document" | "kind" | "originalInvoiceId">,
): Promise<string> {
  const doc = documentOf(invoice);
  if (
    invoice.kind === "CREDIT_NOTE" &&
    invoice.originalInvoiceId &&
    !doc.references?.originalInvoiceDate
  ) {
    const original = await services.prisma.invoice.findUnique({
      where: { id: invoice.originalInvoiceId },
      select: { issuedAt: true },
    });
    if (original) {
      return buildFacturXml({
        ...doc,
        references: {
          ...doc.references,
          originalInvoiceDate: original.issuedAt.toISOString().slice(0, 10),
        },
      });
    }
  }
  return buildFacturXml(doc);
}

/** A file name from the number, safe in a quoted header parameter and in a ZIP. */
export function documentFileName(number: string, extension: "pdf" | "xml"): string {
  return `${number.replace(/[^A-Za-z0-9._-]/g, "_")}.${extension}`;
}

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore },
  });
}

/**
 * `GET /invoices/<id>.xml`: the document's XML for the same people as its PDF (its buyer and
 * admins), 404 for everyone else and for unknown ids and payout statements alike.
 */
export async function invoiceXmlResponse(
  services: Pick<AppServices, "prisma">,
  viewer: Viewer | null | undefined,
  invoiceId: string,
  method = "GET",
): Promise<Response> {
  if (method !== "GET" && method !== "HEAD") {
    return new Response(null, { status: 405, headers: { Allow: "GET, HEAD" } });
  }
  const invoice = await findReadableInvoice(services, viewer, invoiceId);
  if (!invoice || !hasFacturXml(invoice)) return notFound();
  const bytes = new TextEncoder().encode(await facturXmlOf(services, invoice));
  const headers = {
    "Content-Type": INVOICE_XML_CONTENT_TYPE,
    "Content-Length": String(bytes.byteLength),
    "Content-Disposition": `attachment; filename="${documentFileName(invoice.number, "xml")}"`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    ...noStore,
  };
  if (method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(bytes, { status: 200, headers });
}

/** The same for a request's tRPC context; failures are logged and answer 503 without details. */
export async function invoiceXmlForContext(
  ctx: Pick<Context, "services" | "session" | "requestId">,
  invoiceId: string,
  method = "GET",
): Promise<Response> {
  const user = ctx.session?.user;
  try {
    return await invoiceXmlResponse(
      ctx.services,
      user ? { id: user.id, role: user.role ?? "MENTEE" } : null,
      invoiceId,
      method,
    );
  } catch (error) {
    ctx.services.logger.error(
      { err: error, invoiceId, requestId: ctx.requestId },
      "could not serve an invoice XML",
    );
    return new Response("Service unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore },
    });
  }
}
