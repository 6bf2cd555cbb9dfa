import type { Prisma } from "@mentora/db";
import { facturXRepresentable, type InvoiceDocument } from "@mentora/invoice-pdf/document";
import type { AppServices } from "../app/types.ts";
import { enqueueRender } from "./enqueue.ts";
import { type AllocatedNumber, allocateNumber, allocateNumbers } from "./numbering.ts";
import {
  creditNoteDocument,
  type InvoiceSettings,
  invoiceDocument,
  type PartyInput,
  type PayoutStatementInput,
  payoutStatementDocument,
} from "./snapshot.ts";

type Tx = Prisma.TransactionClient;
export type InvoiceRow = Prisma.InvoiceGetPayload<object>;

/** Invoices must be kept ten years (Code de commerce L123-22). */
export function retentionUntil(issuedAt: Date): Date {
  const until = new Date(issuedAt);
  until.setUTCFullYear(until.getUTCFullYear() + 10);
  return until;
}

/** The issued document's snapshot, typed. */
export function documentOf(invoice: Pick<InvoiceRow, "document">): InvoiceDocument {
  return invoice.document as unknown as InvoiceDocument;
}

/** Root client or open transaction (a transaction client has no $disconnect). */
type Db = AppServices["prisma"] | Tx;
function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return "$disconnect" in db ? db.$transaction(fn, { maxWait: 15_000, timeout: 20_000 }) : fn(db);
}

async function partyOf(tx: Tx, userId: string): Promise<PartyInput> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, email: true, locale: true, billingDetails: true },
  });
  return { name: user.name, email: user.email, locale: user.locale, billing: user.billingDetails };
}

/** A booking payment with what its invoice prints, read under the payment's row lock. */
interface PaymentToInvoice {
  id: string;
  userId: string;
  purpose: string;
  status: string;
  creditedToWallet: boolean;
  currency: string;
  amountMinor: number;
  walletAmountMinor: number;
  gatewayAmountMinor: number;
  provider: string | null;
  providerPaymentId: string | null;
  closedAt: Date | null;
  buyerReference: string | null;
  bookingId: string | null;
  offeringTitle: string | null;
  durationMinutes: number | null;
  startsAt: Date | null;
  mentorName: string | null;
  buyerName: string;
  buyerEmail: string;
  buyerLocale: string | null;
  billing: PartyInput["billing"];
}

/**
 * Issues the invoice of a succeeded booking payment, once: in one transaction it locks the
 * payment, returns the invoice already issued for it if any, else takes the next number and
 * inserts the row with its snapshot (seller from config, buyer from the profile and billing
 * details as they are now). Null when the payment gets no invoice (a top-up, not succeeded, or
 * credited to the wallet because its booking could not be confirmed).
 */
export async function issueInvoiceForPayment(
  services: Pick<AppServices, "prisma" | "config" | "logger">,
  paymentId: string,
  db: Db = services.prisma,
): Promise<InvoiceRow | null> {
  const issued = await issueInvoicesForPayments(services, [paymentId], db);
  if (!issued.has(paymentId)) throw new Error(`no payment ${paymentId} to invoice`);
  return issued.get(paymentId) ?? null;
}

/**
 * issueInvoiceForPayment for several payments in one transaction (the invoice.render jobs in
 * flight, group-committed: decision 073), in five statements whatever their number: the
 * payments locked in id order with everything their snapshots need, the invoices already
 * issued for them, their numbers (one counter update: consecutive, in that order) and their
 * rows. Answers each payment found: its invoice, or null when it gets none.
 */
export async function issueInvoicesForPayments(
  services: Pick<AppServices, "prisma" | "config" | "logger">,
  paymentIds: readonly string[],
  db: Db = services.prisma,
): Promise<Map<string, InvoiceRow | null>> {
  return inTransaction(db, async (tx) => {
    // The locks and everything the snapshots need in one statement (decision 063: it was eight
    // per payment, the lock and six reads through relations, before every render). Locked in
    // id order, so two of these never wait on each other in a cycle.
    const payments = await tx.$queryRaw<PaymentToInvoice[]>`
      SELECT p.id, p."userId", p.purpose::text AS purpose, p.status::text AS status,
        p."creditedToWallet", p.currency, p."amountMinor", p."walletAmountMinor",
        p."gatewayAmountMinor", p.provider, p."providerPaymentId", p."closedAt",
        p."buyerReference", b.id AS "bookingId", b."offeringTitle", b."durationMinutes",
        s."startsAt", m.name AS "mentorName", u.name AS "buyerName", u.email AS "buyerEmail",
        u.locale AS "buyerLocale",
        CASE WHEN bd."userId" IS NULL THEN NULL ELSE json_build_object(
          'name', bd.name, 'addressLines', bd."addressLines", 'country', bd.country,
          'vatNumber', bd."vatNumber", 'isBusiness', bd."isBusiness", 'siren', bd.siren,
          'siret', bd.siret) END AS billing
      FROM payment p
      JOIN "user" u ON u.id = p."userId"
      LEFT JOIN booking b ON b.id = p."bookingId"
      LEFT JOIN mentoring_session s ON s.id = b."sessionId"
      LEFT JOIN "user" m ON m.id = s."mentorId"
      LEFT JOIN billing_details bd ON bd."userId" = p."userId"
      WHERE p.id = ANY(${[...paymentIds]}::text[])
      ORDER BY p.id
      FOR UPDATE OF p`;
    const issued = new Map<string, InvoiceRow | null>();
    if (payments.length === 0) return issued;
    // A statement of its own, after the locks: an invoice a concurrent issue committed while we
    // waited for a lock is visible to it (not to the locking statement's snapshot).
    const existing = await tx.invoice.findMany({
      where: { paymentId: { in: payments.map((payment) => payment.id) } },
    });
    for (const invoice of existing) issued.set(invoice.paymentId as string, invoice);
    const toIssue = payments.filter((payment) => {
      if (issued.has(payment.id)) return false;
      if (
        payment.purpose !== "BOOKING" ||
        payment.status !== "SUCCEEDED" ||
        payment.creditedToWallet ||
        !payment.bookingId ||
        !payment.startsAt
      ) {
        services.logger.info(
          { paymentId: payment.id, purpose: payment.purpose, status: payment.status },
          "payment gets no invoice",
        );
        issued.set(payment.id, null);
        return false;
      }
      return true;
    });
    if (toIssue.length === 0) return issued;
    const numbers = await allocateNumbers(tx, "INVOICE", toIssue.length);
    const rows = toIssue.map((payment, n) => {
      const allocated = numbers[n] as AllocatedNumber;
      const buyer: PartyInput = {
        name: payment.buyerName,
        email: payment.buyerEmail,
        locale: payment.buyerLocale,
        billing: payment.billing,
      };
      const document = invoiceDocument(services.config.invoices, {
        number: allocated.number,
        issuedAt: allocated.issuedAt,
        buyer,
        booking: {
          id: payment.bookingId as string,
          offeringTitle: payment.offeringTitle as string,
          durationMinutes: payment.durationMinutes as number,
          startsAt: payment.startsAt as Date,
          mentorName: payment.mentorName as string,
        },
        payment: { ...payment, paidAt: payment.closedAt ?? allocated.issuedAt },
      });
      return documentRow("INVOICE", allocated, document, {
        ownerId: payment.userId,
        paymentId: payment.id,
      });
    });
    const created = await tx.invoice.createManyAndReturn({ data: rows });
    for (const invoice of created) issued.set(invoice.paymentId as string, invoice);
    return issued;
  });
}

/**
 * Issues the credit note of a refund, once. Issues the refunded payment's invoice first when it
 * does not exist yet (its render job may not have run), so the reference always exists. Null
 * when the refunded payment has no invoice (not a booking payment).
 */
export async function issueCreditNoteForRefund(
  services: Pick<AppServices, "prisma" | "config" | "logger">,
  refundId: string,
  db: Db = services.prisma,
): Promise<{ creditNote: InvoiceRow; original: InvoiceRow; originalIssuedNow: boolean } | null> {
  return inTransaction(db, async (tx) => {
    const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
    // The payment first, then the refund: the order refunds and invoices lock in everywhere.
    const hadInvoice = await tx.invoice.findUnique({ where: { paymentId: refund.paymentId } });
    const original = hadInvoice ?? (await issueInvoiceForPayment(services, refund.paymentId, tx));
    if (!original) return null;
    await tx.$queryRaw`SELECT id FROM refund WHERE id = ${refundId} FOR UPDATE`;
    const existing = await tx.invoice.findUnique({ where: { refundId } });
    if (existing) return { creditNote: existing, original, originalIssuedNow: false };
    const allocated = await allocateNumber(tx, "CREDIT_NOTE");
    const document = creditNoteDocument({
      number: allocated.number,
      issuedAt: allocated.issuedAt,
      original: documentOf(original),
      refund,
    });
    const creditNote = await insertDocument(tx, "CREDIT_NOTE", allocated, document, {
      ownerId: original.ownerId,
      refundId: refund.id,
      originalInvoiceId: original.id,
    });
    return { creditNote, original, originalIssuedNow: !hadInvoice };
  });
}

/**
 * Issues the payout statement of a payout in the caller's transaction (the one that records
 * the payout as paid), idempotent on payoutId, and enqueues its render in that transaction.
 * `amountMinor` is what was transferred; gross earnings = amountMinor + feeMinor. The series'
 * counter stays locked until the caller commits: call it last in the payout's transaction,
 * after any slow work, so statements do not queue behind a gateway call.
 */
export async function issuePayoutStatement(
  services: Pick<AppServices, "boss" | "config">,
  db: Db,
  input: PayoutStatementInput,
): Promise<InvoiceRow> {
  return inTransaction(db, async (tx) => {
    const existing = await tx.invoice.findUnique({ where: { payoutId: input.payoutId } });
    if (existing) return existing;
    const mentor = await partyOf(tx, input.mentorId);
    const allocated = await allocateNumber(tx, "PAYOUT_STATEMENT");
    const document = payoutStatementDocument(services.config.invoices, {
      ...input,
      number: allocated.number,
      issuedAt: allocated.issuedAt,
      mentor,
    });
    const row = await insertDocument(tx, "PAYOUT_STATEMENT", allocated, document, {
      ownerId: input.mentorId,
      payoutId: input.payoutId,
    });
    await enqueueRender(services.boss, tx, row.id);
    return row;
  });
}

interface DocumentSource {
  ownerId: string;
  paymentId?: string;
  refundId?: string;
  payoutId?: string;
  originalInvoiceId?: string;
}

/** The row of a document being issued. */
function documentRow(
  kind: "INVOICE" | "CREDIT_NOTE" | "PAYOUT_STATEMENT",
  allocated: AllocatedNumber,
  document: InvoiceDocument,
  source: DocumentSource,
): Prisma.InvoiceCreateManyInput {
  return {
    kind,
    series: allocated.series,
    year: allocated.year,
    sequence: allocated.sequence,
    number: allocated.number,
    issuedAt: allocated.issuedAt,
    document: document as unknown as Prisma.InputJsonValue,
    currency: document.currency,
    totalMinor: document.payout ? document.payout.netMinor : document.totals.inclMinor,
    // Fixed now, never changed: re-renders must reproduce the recorded bytes (decision 038).
    format: facturXRepresentable(document) ? "FACTURX" : "PDF",
    retentionUntil: retentionUntil(allocated.issuedAt),
    ...source,
  };
}

async function insertDocument(
  tx: Tx,
  kind: "INVOICE" | "CREDIT_NOTE" | "PAYOUT_STATEMENT",
  allocated: AllocatedNumber,
  document: InvoiceDocument,
  source: DocumentSource,
): Promise<InvoiceRow> {
  return tx.invoice.create({ data: documentRow(kind, allocated, document, source) });
}

export type { InvoiceSettings };
