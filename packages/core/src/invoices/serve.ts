import type { AppServices } from "../app/types.ts";
import { FileIntegrityError, sha256Hex } from "../files/index.ts";
import type { Context } from "../trpc/context.ts";
import { findReadableInvoice, type Viewer } from "./access.ts";
import { INVOICE_CONTENT_TYPE } from "./render.ts";

/** Stable code in the body and logs when stored bytes no longer match their sha256. */
export const INVOICE_INTEGRITY_ERROR = "INVOICE_INTEGRITY_ERROR";

const noStore = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
};

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore },
  });
}

/** The PDF is issued but not rendered yet (a moment after payment): a page that reloads itself. */
function beingPrepared(number: string, locale: string): Response {
  const fr = locale === "fr";
  const title = fr ? `Facture ${number} en préparation` : `Invoice ${number} is being prepared`;
  const body = fr
    ? "Votre document est en cours de préparation. Cette page se rechargera dans quelques secondes."
    : "Your document is being prepared. This page reloads in a few seconds.";
  const html = `<!doctype html><html lang="${fr ? "fr" : "en"}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;
  return new Response(html, {
    status: 202,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": "5",
      "Content-Security-Policy": "default-src 'none'",
      ...noStore,
    },
  });
}

/** A filename from the number, safe in a quoted header parameter. */
function filenameOf(number: string): string {
  return `${number.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf`;
}

/**
 * The response for `GET /invoices/<id>.pdf`: the PDF for its owner or an admin, 404 for
 * everyone else (anonymous, strangers, unknown ids: existence is never revealed, so never 403),
 * 202 "being prepared" while the render job has not stored it yet, and 500 with
 * INVOICE_INTEGRITY_ERROR (logged as an error) when the stored bytes do not match the sha256
 * recorded at render: a tampered or corrupted invoice is never served.
 */
export async function invoicePdfResponse(
  services: Pick<AppServices, "prisma" | "files" | "logger">,
  viewer: Viewer | null | undefined,
  invoiceId: string,
  options: { locale?: string; method?: string } = {},
): Promise<Response> {
  if (options.method && options.method !== "GET" && options.method !== "HEAD") {
    return new Response(null, { status: 405, headers: { Allow: "GET, HEAD" } });
  }
  const invoice = await findReadableInvoice(services, viewer, invoiceId);
  if (!invoice) return notFound();
  if (!invoice.fileKey || !invoice.sha256) {
    return beingPrepared(invoice.number, options.locale ?? "en");
  }
  const file = await services.files.get(invoice.fileKey).catch((error: unknown) => {
    // A driver that checks bytes itself (S3 checksums) reports tampering as this error.
    if (error instanceof FileIntegrityError) return { bytes: new Uint8Array() };
    throw error;
  });
  const actual = file ? sha256Hex(file.bytes) : null;
  if (!file || actual !== invoice.sha256) {
    services.logger.error(
      {
        code: INVOICE_INTEGRITY_ERROR,
        invoiceId: invoice.id,
        number: invoice.number,
        key: invoice.fileKey,
        recorded: invoice.sha256,
        actual,
      },
      file
        ? "stored invoice PDF does not match its recorded sha256: refused to serve it"
        : "stored invoice PDF is missing",
    );
    return new Response(`${INVOICE_INTEGRITY_ERROR}: this document cannot be served right now.`, {
      status: 500,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore },
    });
  }
  const headers = {
    "Content-Type": INVOICE_CONTENT_TYPE,
    "Content-Length": String(file.bytes.byteLength),
    "Content-Disposition": `attachment; filename="${filenameOf(invoice.number)}"`,
    ETag: `"${invoice.sha256}"`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    ...noStore,
  };
  if (options.method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), { status: 200, headers });
}

/**
 * The same response for a request's tRPC context (the web route's): the signed-in user, if
 * any, is the viewer; the page language is the context's. Storage failures are logged and
 * answer 503 without details.
 */
export async function invoicePdfForContext(
  ctx: Pick<Context, "services" | "session" | "locale" | "requestId">,
  invoiceId: string,
  method = "GET",
): Promise<Response> {
  const user = ctx.session?.user;
  try {
    return await invoicePdfResponse(
      ctx.services,
      user ? { id: user.id, role: user.role ?? "MENTEE" } : null,
      invoiceId,
      { locale: ctx.locale, method },
    );
  } catch (error) {
    ctx.services.logger.error(
      { err: error, invoiceId, requestId: ctx.requestId },
      "could not serve an invoice",
    );
    return new Response("Service unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore },
    });
  }
}
