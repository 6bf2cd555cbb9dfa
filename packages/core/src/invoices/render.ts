import { FileIntegrityError, sha256Hex } from "@mentora/files";
import type { AppServices } from "../app/types.ts";
import { recordEvent } from "../events/index.ts";
import { invoiceIssued } from "./events.ts";
import { documentOf, type InvoiceRow } from "./issue.ts";

export const INVOICE_CONTENT_TYPE = "application/pdf";

/** Where a rendered document is stored: never served by /files (see files.$.ts), only by /invoices. */
export const INVOICE_KEY_PREFIX = "invoices/";

export function invoiceFileKey(invoice: Pick<InvoiceRow, "year" | "number">, sha256: string) {
  // The content hash in the name: a different rendering can never take an issued key.
  return `${INVOICE_KEY_PREFIX}${invoice.year}/${invoice.number.toLowerCase()}-${sha256.slice(0, 16)}.pdf`;
}

/** A re-render produced other bytes than the ones recorded: never overwrite, say so loudly. */
export class InvoiceRenderMismatchError extends Error {
  override name = "InvoiceRenderMismatchError";
}

/**
 * Renders the snapshot in a render thread (the event loop keeps serving the worker's other
 * jobs). The bytes come back in memory and go straight to the store: the scratch file they
 * used to make a round trip through cost each job a recursive mkdir, a write, a read and a
 * recursive rm on the event loop, about as much as its database work (decision 063).
 */
function renderBytes(
  services: Pick<AppServices, "invoiceRenderer">,
  invoice: InvoiceRow,
): Promise<Uint8Array> {
  // The format recorded at issue: a document issued as a plain PDF is never turned into a
  // Factur-X (its recorded bytes would no longer match).
  return services.invoiceRenderer.render(
    documentOf(invoice),
    invoice.format === "FACTURX" ? "facturx" : "pdf",
  );
}

export type RenderOutcome = "stored" | "verified" | "restored";

/**
 * Renders an issued document from its stored snapshot and stores the PDF under an immutable key,
 * recording sha256, size and render time once (a guarded update). When a file is already
 * recorded, the render is compared with it instead: same bytes → "verified" (and re-stored if
 * the file went missing: "restored"), other bytes → InvoiceRenderMismatchError, nothing touched.
 */
export async function renderInvoice(
  services: AppServices,
  /** Its id, or the row as the issuing transaction just returned it (one read less). */
  document: string | InvoiceRow,
): Promise<RenderOutcome> {
  const invoice =
    typeof document === "string"
      ? await services.prisma.invoice.findUniqueOrThrow({ where: { id: document } })
      : document;
  const invoiceId = invoice.id;
  const bytes = await renderBytes(services, invoice);
  const sha256 = sha256Hex(bytes);
  if (invoice.fileKey) return verifyRecorded(services, invoice, bytes, sha256);

  const key = invoiceFileKey(invoice, sha256);
  await services.files.put(key, bytes, { contentType: INVOICE_CONTENT_TYPE, immutable: true });
  // The first recording and its event commit together: the owner hears once, when it exists.
  const recorded = await services.prisma.$transaction(async (tx) => {
    const stored = await tx.invoice.updateMany({
      where: { id: invoice.id, fileKey: null },
      data: { fileKey: key, sha256, byteSize: bytes.byteLength, renderedAt: new Date() },
    });
    if (stored.count === 1) {
      await recordEvent(
        services,
        tx,
        invoiceIssued.of({
          invoiceId: invoice.id,
          kind: invoice.kind,
          ownerId: invoice.ownerId,
          number: invoice.number,
        }),
      );
    }
    return stored;
  });
  if (recorded.count === 1) {
    services.logger.info({ invoiceId, number: invoice.number, sha256 }, "invoice rendered");
    return "stored";
  }
  // A concurrent render recorded first: ours must match it.
  const current = await services.prisma.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  return verifyRecorded(services, current, bytes, sha256);
}

async function verifyRecorded(
  services: Pick<AppServices, "files" | "logger">,
  invoice: InvoiceRow,
  bytes: Uint8Array,
  sha256: string,
): Promise<RenderOutcome> {
  if (sha256 !== invoice.sha256) {
    services.logger.error(
      { invoiceId: invoice.id, number: invoice.number, recorded: invoice.sha256, rendered: sha256 },
      "invoice re-render differs from the recorded PDF: kept the recorded one",
    );
    throw new InvoiceRenderMismatchError(
      `invoice ${invoice.number}: rendered ${sha256}, recorded ${invoice.sha256}`,
    );
  }
  const key = invoice.fileKey as string;
  // The bytes themselves, hashed: a sidecar's or object's metadata would not see tampering.
  const stored = await services.files.get(key).catch((error: unknown) => {
    if (error instanceof FileIntegrityError) return { sha256: "altered" };
    throw error;
  });
  if (stored && stored.sha256 === sha256) return "verified";
  if (stored) {
    // The stored bytes were altered: keep them for inspection, never overwrite silently.
    services.logger.error({ invoiceId: invoice.id, key }, "stored invoice PDF does not match");
    throw new InvoiceRenderMismatchError(`invoice ${invoice.number}: stored file was altered`);
  }
  services.logger.warn({ invoiceId: invoice.id, key }, "invoice PDF was missing: stored again");
  await services.files.put(key, bytes, { contentType: INVOICE_CONTENT_TYPE, immutable: true });
  return "restored";
}
