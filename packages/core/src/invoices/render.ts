import { FileIntegrityError, sha256Hex } from "@mentora/files";
import type { AppServices } from "../app/types.ts";
import { recordEvents } from "../events/index.ts";
import { groupCommit } from "../jobs/group-commit.ts";
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
  const recorded = await recorderOf(services)({
    invoice,
    key,
    sha256,
    byteSize: bytes.byteLength,
  });
  if (recorded) {
    services.logger.info({ invoiceId, number: invoice.number, sha256 }, "invoice rendered");
    return "stored";
  }
  // A concurrent render recorded first: ours must match it.
  const current = await services.prisma.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  return verifyRecorded(services, current, bytes, sha256);
}

/** A stored render to record on its invoice row. */
interface RenderRecord {
  invoice: InvoiceRow;
  key: string;
  sha256: string;
  byteSize: number;
}

/**
 * Records stored renders, group-committed (decision 073): the renders finished together are
 * recorded in one transaction of three or four statements (the guarded update of their rows,
 * their `invoice.issued` events and the subscribers' jobs), instead of five each. Each row is
 * recorded once (only while it has no file) and its event commits with it: the owner hears
 * once, when the PDF exists. Answers each render whether it was the one recorded; a second
 * render of one invoice in the same flush is not, and verifies against the first.
 */
function recorderOf(services: AppServices): (record: RenderRecord) => Promise<boolean> {
  let recorder = recorders.get(services.prisma);
  if (!recorder) {
    recorder = groupCommit(async (records: RenderRecord[]) => {
      const first = new Map<string, RenderRecord>();
      for (const record of records) {
        if (!first.has(record.invoice.id)) first.set(record.invoice.id, record);
      }
      const candidates = [...first.values()];
      const recorded = await services.prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          UPDATE invoice AS i
          SET "fileKey" = v.key, sha256 = v.sha256, "byteSize" = v.size,
            "renderedAt" = now() AT TIME ZONE 'UTC'
          FROM unnest(
            ${candidates.map((record) => record.invoice.id)}::text[],
            ${candidates.map((record) => record.key)}::text[],
            ${candidates.map((record) => record.sha256)}::text[],
            ${candidates.map((record) => record.byteSize)}::int[]
          ) AS v(id, key, sha256, size)
          WHERE i.id = v.id AND i."fileKey" IS NULL
          RETURNING i.id`;
        const ids = new Set(rows.map((row) => row.id));
        await recordEvents(
          services,
          tx,
          candidates
            .filter((record) => ids.has(record.invoice.id))
            .map(({ invoice }) =>
              invoiceIssued.of({
                invoiceId: invoice.id,
                kind: invoice.kind,
                ownerId: invoice.ownerId,
                number: invoice.number,
              }),
            ),
        );
        return ids;
      });
      return new Map(
        records.map((record) => [
          record,
          first.get(record.invoice.id) === record && recorded.has(record.invoice.id),
        ]),
      );
    });
    recorders.set(services.prisma, recorder);
  }
  return recorder;
}
const recorders = new WeakMap<AppServices["prisma"], (record: RenderRecord) => Promise<boolean>>();

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
