import type { Prisma } from "@mentora/db";
import { fromPrisma, type PgBoss } from "pg-boss";
import { deterministicJobId } from "../bookings/index.ts";
import { enqueue } from "../jobs/define.ts";
import { invoiceRenderJob } from "./render.job.ts";

type Tx = Prisma.TransactionClient;

// Job ids derived from the source: sending twice (a replayed settlement) adds no second job,
// and the job itself issues at most one document per source anyway.

/** In the settling transaction: issue and render the invoice of this booking payment. */
export async function enqueueInvoiceForPayment(boss: PgBoss, tx: Tx, paymentId: string) {
  await enqueue(
    boss,
    invoiceRenderJob,
    { kind: "invoice", paymentId },
    { db: fromPrisma(tx), id: deterministicJobId(invoiceRenderJob.name, "invoice", paymentId) },
  );
}

/** In the refunding transaction: issue and render the credit note of this refund. */
export async function enqueueCreditNoteForRefund(boss: PgBoss, tx: Tx, refundId: string) {
  await enqueue(
    boss,
    invoiceRenderJob,
    { kind: "credit_note", refundId },
    { db: fromPrisma(tx), id: deterministicJobId(invoiceRenderJob.name, "credit_note", refundId) },
  );
}

/** Render (or verify) an issued document. */
export async function enqueueRender(boss: PgBoss, tx: Tx, invoiceId: string) {
  await enqueue(
    boss,
    invoiceRenderJob,
    { kind: "document", invoiceId },
    { db: fromPrisma(tx), id: deterministicJobId(invoiceRenderJob.name, "document", invoiceId) },
  );
}
