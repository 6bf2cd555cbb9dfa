import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sha256Hex } from "@mentora/files";
import type { InvoiceDocument } from "@mentora/invoice-pdf/document";
import { inspectPdf, pdfProblems } from "@mentora/invoice-pdf/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bookingNotifyJob } from "../app/job-handlers.ts";
import { cancelBookingByMentee } from "../bookings/index.ts";
import { createUser } from "../bookings/testing/bookings.ts";
import { loadConfig } from "../config/index.ts";
import {
  handlePaymentReturn,
  refundPayment,
  settlePayment,
  startBookingPayment,
  startWalletTopUp,
} from "../payments/index.ts";
import { createPaymentsRig, drainJobs, fundWallet } from "../payments/testing/payments-rig.ts";
import { contextFor, deliverQueuedEmails, signUpVerifiedUser } from "../testing/index.ts";
import { createCaller } from "../trpc/router.ts";
import { documentOf, issueInvoiceForPayment, issuePayoutStatement } from "./issue.ts";
import { invoiceRenderJob } from "./render.job.ts";
import { renderInvoice } from "./render.ts";
import { INVOICE_INTEGRITY_ERROR, invoicePdfForContext, invoicePdfResponse } from "./serve.ts";
import { buyerSnapshot, invoiceDocument } from "./snapshot.ts";

const SELLER_ENV = {
  INVOICE_SELLER_LEGAL_NAME: "Mentora Plateforme SAS",
  INVOICE_SELLER_LEGAL_FORM: "SAS",
  INVOICE_SELLER_ADDRESS: "12 rue de l’Église|75011 Paris|France",
  INVOICE_SELLER_SIREN: "912 345 678",
  INVOICE_SELLER_SIRET: "912 345 678 00017",
  INVOICE_SELLER_RCS: "RCS Paris 912 345 678",
  INVOICE_SELLER_SHARE_CAPITAL: "10 000 €",
  INVOICE_SELLER_VAT_NUMBER: "FR32912345678",
  INVOICE_SELLER_EMAIL: "facturation@mentora.example",
  INVOICE_LOCALE: "fr",
};
const SELLER_MENTIONS = [
  "Mentora Plateforme SAS",
  "12 rue de l’Église",
  "75011 Paris",
  "912 345 678",
  "912 345 678 00017",
  "RCS Paris 912 345 678",
  "10 000 €",
  "FR32912345678",
];

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig(SELLER_ENV);
});
afterAll(async () => {
  await rig?.app.close();
});

const secretOf = (url: string | null) =>
  new URL(url ?? "http://x").searchParams.get("secret") ?? "";

const year = new Date().getUTCFullYear();
const number = (series: string, sequence: number) =>
  `${series}-${year}-${String(sequence).padStart(6, "0")}`;

async function renderJobsFor(key: "paymentId" | "refundId", id: string) {
  const rows = await rig.app.prisma.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*)::bigint AS n FROM pgboss.job WHERE name = $1 AND data->>'${key}' = $2`,
    invoiceRenderJob.name,
    id,
  );
  return Number(rows[0]?.n ?? 0);
}

/** A mentee pays a held booking: 20 EUR from the wallet, 30 EUR by card, via the return URL. */
async function paidBooking(options: { walletMinor?: number } = {}) {
  const { app } = rig;
  const { mentee, booking } = await rig.menteeWithHold({
    walletMinor: options.walletMinor ?? 2_000,
  });
  const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
  if (started.status === "PENDING") {
    const back = await rig.payerChooses(started.redirectUrl, "pay");
    expect(
      await handlePaymentReturn(app, { paymentId: started.paymentId, secret: secretOf(back) }),
    ).toBe("settled");
  }
  return { mentee, booking, paymentId: started.paymentId };
}

async function storedBytes(invoiceId: string) {
  const invoice = await rig.app.prisma.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  const file = await rig.app.files.get(invoice.fileKey as string);
  return { invoice, bytes: file?.bytes ?? new Uint8Array() };
}

/** qpdf --check clean, every font embedded DejaVu (no Helvetica), every mention in the text. */
async function expectValidPdf(bytes: Uint8Array, mentions: string[]) {
  const report = await inspectPdf(bytes);
  expect(pdfProblems(report, { mentions }), report.text).toEqual([]);
  return report;
}

const viewer = (user: { id: string; role?: string }) => ({
  id: user.id,
  role: user.role ?? "MENTEE",
});

describe("invoice of a booking payment", () => {
  let paymentId: string;
  let mentee: { id: string; name: string; email: string };
  let invoiceId: string;

  it("settling enqueues one invoice job, even when settled twice (return URL then webhook)", async () => {
    const paid = await paidBooking();
    paymentId = paid.paymentId;
    mentee = paid.mentee;
    const payment = await rig.app.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const truth = await rig.app.gateways
      .get("sandbox")
      .getPayment(payment.providerPaymentId as string);
    expect(await settlePayment(rig.app, paymentId, truth)).toMatchObject({ changed: false });
    expect(await renderJobsFor("paymentId", paymentId)).toBe(1);
    // Not issued before its job runs (numbers are given by the job, in its own transaction).
    expect(await rig.app.prisma.invoice.count({ where: { paymentId } })).toBe(0);
  });

  it("the job issues F-<year>-000001 with the full snapshot and stores the PDF once", async () => {
    await drainJobs(rig.app, [invoiceRenderJob]);
    const invoice = await rig.app.prisma.invoice.findUniqueOrThrow({ where: { paymentId } });
    invoiceId = invoice.id;
    expect(invoice).toMatchObject({
      kind: "INVOICE",
      series: "F",
      year,
      sequence: 1,
      number: number("F", 1),
      ownerId: mentee.id,
      currency: "EUR",
      totalMinor: 5_000,
    });
    expect(invoice.retentionUntil.getUTCFullYear()).toBe(invoice.issuedAt.getUTCFullYear() + 10);
    expect(invoice.fileKey).toMatch(/^invoices\/\d{4}\/f-\d{4}-000001-[0-9a-f]{16}\.pdf$/);
    const doc = documentOf(invoice);
    expect(doc.totals).toEqual({
      exclMinor: 4_167,
      vatByRate: [{ rateBasisPoints: 2000, baseMinor: 4_167, vatMinor: 833 }],
      inclMinor: 5_000,
    });
    expect(doc.payment).toMatchObject({ status: "paid" });
    expect(doc.lines).toHaveLength(1);
    expect(doc.lines[0]).toMatchObject({ quantity: 1, vatRateBasisPoints: 2000 });

    const { bytes } = await storedBytes(invoiceId);
    expect(invoice.byteSize).toBe(bytes.byteLength);
    const sessionDate = doc.serviceDate as string;
    const [y, m, d] = sessionDate.split("-").map(Number) as [number, number, number];
    const months = [
      "janvier",
      "février",
      "mars",
      "avril",
      "mai",
      "juin",
      "juillet",
      "août",
      "septembre",
      "octobre",
      "novembre",
      "décembre",
    ];
    await expectValidPdf(bytes, [
      ...SELLER_MENTIONS,
      "Facture",
      number("F", 1),
      "Date d’émission",
      `Date de la prestation : ${d === 1 ? "1er" : d} ${months[m - 1]} ${y}`,
      "Jeanne Mentee",
      mentee.email,
      "Adresse non communiquée",
      "Séance de mentorat",
      "Maëlle Mentor",
      "20 %",
      "Total HT 41,67 EUR",
      "Total TVA 8,33 EUR",
      "Total TTC 50,00 EUR",
      "20 % 41,67 EUR 8,33 EUR",
      "Devise : EUR",
      "Date d’échéance",
      "Escompte pour paiement anticipé : néant",
      "Règlement : Payée",
      "Moyen de paiement : Portefeuille Mentora + Paiement en ligne (sandbox)",
    ]);
  });

  it("re-rendering keeps the number and gives the same bytes; the row cannot be changed", async () => {
    const before = await storedBytes(invoiceId);
    expect(await renderInvoice(rig.app, invoiceId)).toBe("verified");
    // The job again (a retry): same document, nothing new issued.
    await invoiceRenderJob.handle({ kind: "invoice", paymentId }, rig.app, { jobId: "retry" });
    const after = await storedBytes(invoiceId);
    // The owner was told once, when the PDF was first stored (issue #15).
    expect(
      await rig.app.prisma.domainEvent.count({
        where: { type: "invoice.issued", data: { path: ["invoiceId"], equals: invoiceId } },
      }),
    ).toBe(1);
    expect(after.invoice.number).toBe(before.invoice.number);
    expect(after.invoice.sha256).toBe(before.invoice.sha256);
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true);
    expect(await rig.app.prisma.invoice.count({ where: { kind: "INVOICE", paymentId } })).toBe(1);
    await expect(
      rig.app.prisma.invoice.update({ where: { id: invoiceId }, data: { totalMinor: 1 } }),
    ).rejects.toThrow(/cannot change/);
    await expect(
      rig.app.prisma.invoice.update({ where: { id: invoiceId }, data: { sha256: "0".repeat(64) } }),
    ).rejects.toThrow(/already has its rendered file/);
    await expect(rig.app.prisma.invoice.delete({ where: { id: invoiceId } })).rejects.toThrow(
      /cannot be deleted/,
    );
  });

  it("later profile and billing edits never change the issued invoice", async () => {
    const before = await storedBytes(invoiceId);
    await rig.app.prisma.user.update({
      where: { id: mentee.id },
      data: { name: "Renamed Person" },
    });
    const caller = await callerAs(mentee.id);
    await caller.invoices.updateBillingDetails({
      name: "Jeanne SARL",
      addressLines: ["5 quai des Brumes", "13002 Marseille"],
      country: "FR",
      vatNumber: "FR83404833048",
      isBusiness: true,
    });
    expect(await renderInvoice(rig.app, invoiceId)).toBe("verified");
    const after = await storedBytes(invoiceId);
    expect(after.invoice.sha256).toBe(before.invoice.sha256);
    expect(documentOf(after.invoice).buyer.name).toBe("Jeanne Mentee");

    // The next invoice of this buyer carries the new details.
    const { booking } = await rig.menteeWithHold();
    await rig.app.prisma.booking.update({
      where: { id: booking.id },
      data: { menteeId: mentee.id },
    });
    await fundWallet(rig.app, mentee.id, 5_000);
    const started = await startBookingPayment(rig.app, {
      bookingId: booking.id,
      userId: mentee.id,
    });
    const next = await issueInvoiceForPayment(rig.app, started.paymentId);
    expect(documentOf(next!).buyer).toMatchObject({
      name: "Jeanne SARL",
      addressLines: ["5 quai des Brumes", "13002 Marseille", "FR"],
      vatNumber: "FR83404833048",
      isBusiness: true,
    });
    expect(await caller.invoices.getBillingDetails()).toMatchObject({ name: "Jeanne SARL" });
  });

  it("the confirmation email links to the invoice", async () => {
    const paid = await paidBooking();
    const sent = await drainJobs(rig.app, [bookingNotifyJob]);
    expect(sent).toBeGreaterThan(0);
    await deliverQueuedEmails(rig.app);
    const invoice = await rig.app.prisma.invoice.findUniqueOrThrow({
      where: { paymentId: paid.paymentId },
    });
    const email = await rig.app.prisma.outboxEmail.findFirstOrThrow({
      where: { to: paid.mentee.email },
      orderBy: { createdAt: "desc" },
    });
    expect(email.text).toContain(`http://localhost:3000/invoices/${invoice.id}.pdf`);
    const mentorEmail = await rig.app.prisma.outboxEmail.findFirst({
      where: { text: { contains: `/invoices/${invoice.id}.pdf` }, NOT: { to: paid.mentee.email } },
    });
    expect(mentorEmail).toBeNull();
    await drainJobs(rig.app, [invoiceRenderJob]);
  });
});

describe("top-ups", () => {
  it("get no invoice job and no invoice, and still count as receipts", async () => {
    const user = await createUser(rig.app, "Topper");
    const started = await startWalletTopUp(rig.app, {
      userId: user.id,
      amountMinor: 2_500,
      currency: "EUR",
    });
    const back = await rig.payerChooses(started.redirectUrl, "pay");
    await handlePaymentReturn(rig.app, { paymentId: started.paymentId, secret: secretOf(back) });
    expect(await renderJobsFor("paymentId", started.paymentId)).toBe(0);
    expect(await issueInvoiceForPayment(rig.app, started.paymentId)).toBeNull();
    expect(await rig.app.prisma.invoice.count({ where: { paymentId: started.paymentId } })).toBe(0);
    const receipts = await (await callerAs(user.id)).payments.listReceipts({});
    expect(receipts.items.map((item) => item.id)).toContain(started.paymentId);
  });
});

describe("credit notes", () => {
  it("a refund before the invoice job ran issues the invoice first, then the credit note referencing it", async () => {
    const paid = await paidBooking();
    await cancelBookingByMentee(rig.app, { bookingId: paid.booking.id, menteeId: paid.mentee.id });
    const refund = await rig.app.prisma.refund.findFirstOrThrow({
      where: { paymentId: paid.paymentId },
    });
    expect(await renderJobsFor("refundId", refund.id)).toBe(1);
    // The credit note's job first: the invoice's own job has not run yet.
    await invoiceRenderJob.handle({ kind: "credit_note", refundId: refund.id }, rig.app, {
      jobId: "first",
    });
    const invoice = await rig.app.prisma.invoice.findUniqueOrThrow({
      where: { paymentId: paid.paymentId },
    });
    const creditNote = await rig.app.prisma.invoice.findUniqueOrThrow({
      where: { refundId: refund.id },
    });
    expect(creditNote).toMatchObject({
      kind: "CREDIT_NOTE",
      series: "A",
      number: number("A", 1),
      originalInvoiceId: invoice.id,
      ownerId: paid.mentee.id,
      totalMinor: 5_000,
    });
    expect(documentOf(creditNote).references?.originalInvoiceNumber).toBe(invoice.number);
    expect(invoice.fileKey).not.toBeNull();
    // The remaining jobs change nothing.
    await drainJobs(rig.app, [invoiceRenderJob]);
    expect(await rig.app.prisma.invoice.count({ where: { paymentId: paid.paymentId } })).toBe(1);
    expect(await rig.app.prisma.invoice.count({ where: { refundId: refund.id } })).toBe(1);

    const { bytes } = await storedBytes(creditNote.id);
    await expectValidPdf(bytes, [
      ...SELLER_MENTIONS,
      "Avoir",
      number("A", 1),
      `Avoir sur la facture n° ${invoice.number}`,
      "Remboursement : Séance de mentorat",
      "Total HT 41,67 EUR",
      "Total TVA 8,33 EUR",
      "Total TTC crédité 50,00 EUR",
      "Devise : EUR",
      "Règlement : Remboursée",
      "Jeanne Mentee",
    ]);

    // Through the receipts procedure: the invoice with its credit note.
    const caller = await callerAs(paid.mentee.id);
    const [docs] = await caller.invoices.listMine({ paymentIds: [paid.paymentId] });
    expect(docs).toMatchObject({
      paymentId: paid.paymentId,
      invoice: { id: invoice.id, number: invoice.number, ready: true },
      creditNotes: [{ id: creditNote.id, number: creditNote.number, ready: true }],
    });
    const stranger = await createUser(rig.app, "Stranger");
    const theirs = await (await callerAs(stranger.id)).invoices.listMine({
      paymentIds: [paid.paymentId],
    });
    expect(theirs).toEqual([{ paymentId: paid.paymentId, invoice: null, creditNotes: [] }]);
    const admin = await createUser(rig.app, "Admin");
    await rig.app.prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const adminView = await (await callerAs(admin.id)).invoices.adminListByPayment({
      paymentIds: [paid.paymentId],
    });
    expect(adminView[0]?.invoice?.id).toBe(invoice.id);
    expect(adminView[0]?.creditNotes).toHaveLength(1);
  });

  it("a partial refund gets a credit note for its own amount, a second refund another", async () => {
    const paid = await paidBooking();
    await drainJobs(rig.app, [invoiceRenderJob]);
    const first = await refundPayment(rig.app, {
      paymentId: paid.paymentId,
      amountMinor: 1_999,
      reason: "goodwill",
      cause: `test:${paid.paymentId}:1`,
    });
    const second = await refundPayment(rig.app, {
      paymentId: paid.paymentId,
      amountMinor: 1_001,
      reason: "goodwill",
      cause: `test:${paid.paymentId}:2`,
    });
    await drainJobs(rig.app, [invoiceRenderJob]);
    const notes = await rig.app.prisma.invoice.findMany({
      where: { refundId: { in: [first.id, second.id] } },
      orderBy: { sequence: "asc" },
    });
    expect(notes.map((note) => note.totalMinor)).toEqual([1_999, 1_001]);
    for (const note of notes) {
      const doc: InvoiceDocument = documentOf(note);
      expect(doc.totals.inclMinor).toBe(note.totalMinor);
    }
    expect(notes[1]!.sequence).toBe(notes[0]!.sequence + 1);
  });
});

describe("payout statements", () => {
  const input = (payoutId: string, mentorId: string) => ({
    payoutId,
    mentorId,
    currency: "EUR",
    amountMinor: 19_200,
    feeMinor: 4_800,
    method: "Virement SEPA",
    reference: "PO-TRX-5521",
    paidAt: new Date("2026-04-02T09:00:00Z"),
    periodStart: new Date("2026-03-01T00:00:00Z"),
    periodEnd: new Date("2026-03-31T00:00:00Z"),
  });

  it("are issued once per payout in the caller's transaction, rendered by their job", async () => {
    const mentorId = rig.fixture.mentor.id;
    const statement = await rig.app.prisma.$transaction((tx) =>
      issuePayoutStatement(rig.app, tx, input("payout-1", mentorId)),
    );
    const again = await issuePayoutStatement(rig.app, rig.app.prisma, input("payout-1", mentorId));
    expect(again.id).toBe(statement.id);
    expect(statement).toMatchObject({
      kind: "PAYOUT_STATEMENT",
      number: number("R", 1),
      payoutId: "payout-1",
      ownerId: mentorId,
      totalMinor: 19_200,
    });
    await drainJobs(rig.app, [invoiceRenderJob]);
    const { bytes, invoice } = await storedBytes(statement.id);
    expect(invoice.sha256).not.toBeNull();
    await expectValidPdf(bytes, [
      "Relevé de versement",
      number("R", 1),
      "Mentora Plateforme SAS",
      "Maëlle Mentor",
      "Période : 1er mars 2026 – 31 mars 2026",
      "Gains bruts 240,00 EUR",
      "Commission de la plateforme déduite -48,00 EUR",
      "Net versé 192,00 EUR",
      "Moyen de paiement : Virement SEPA",
      "Référence du virement : PO-TRX-5521",
    ]);
    const statements = await (await callerAs(mentorId)).invoices.listStatements({});
    expect(statements.items.map((item) => item.id)).toEqual([statement.id]);
  });

  it("a rolled-back issue burns no number", async () => {
    const mentorId = rig.fixture.mentor.id;
    await expect(
      rig.app.prisma.$transaction(async (tx) => {
        const issued = await issuePayoutStatement(
          rig.app,
          tx,
          input("payout-rolled-back", mentorId),
        );
        expect(issued.number).toBe(number("R", 2));
        throw new Error("the payout failed after all");
      }),
    ).rejects.toThrow("the payout failed after all");
    expect(await rig.app.prisma.invoice.count({ where: { payoutId: "payout-rolled-back" } })).toBe(
      0,
    );
    const next = await issuePayoutStatement(rig.app, rig.app.prisma, input("payout-2", mentorId));
    expect(next.number).toBe(number("R", 2));
    // Its render job was rolled back with it: only the committed statements have one.
    const jobs = await rig.app.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*)::bigint AS n FROM pgboss.job WHERE name = 'invoice.render'
        AND data->>'kind' = 'document'`;
    expect(Number(jobs[0]?.n)).toBe(2);
  });
});

/** A paid, invoiced booking payment's fields without its identity: new payments invoiced alike. */
async function paidPaymentFields() {
  const template = await rig.app.prisma.payment.findFirstOrThrow({
    where: {
      purpose: "BOOKING",
      status: "SUCCEEDED",
      creditedToWallet: false,
      invoice: { isNot: null },
    },
  });
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = template;
  return { ...rest, providerPaymentId: null, refundedMinor: 0 };
}

/** The last invoice number given in this year's F series. */
async function lastSequence() {
  const last = await rig.app.prisma.invoice.aggregate({
    where: { series: "F", year },
    _max: { sequence: true },
  });
  return last._max.sequence ?? 0;
}

describe("numbering under concurrency", () => {
  it("200 invoices issued at once get consecutive numbers: no gap, no duplicate, chronological", async () => {
    const { app } = rig;
    const rest = await paidPaymentFields();
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const created = await app.prisma.payment.create({
        data: rest,
      });
      ids.push(created.id);
    }
    const start = await lastSequence();
    const issued = await Promise.all(ids.map((id) => issueInvoiceForPayment(app, id)));
    const sequences = issued.map((invoice) => invoice!.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => start + 1 + i));
    const all = await app.prisma.invoice.findMany({
      where: { series: "F", year },
      orderBy: { sequence: "asc" },
    });
    expect(all.map((row) => row.sequence)).toEqual(all.map((_, i) => i + 1));
    expect(new Set(all.map((row) => row.number)).size).toBe(all.length);
    for (let i = 1; i < all.length; i += 1) {
      expect(all[i]!.issuedAt.getTime()).toBeGreaterThanOrEqual(all[i - 1]!.issuedAt.getTime());
    }
    // Issuing them all again (retries) gives the same documents and no new number.
    const again = await Promise.all(ids.slice(0, 20).map((id) => issueInvoiceForPayment(app, id)));
    expect(again.map((row) => row!.id)).toEqual(issued.slice(0, 20).map((row) => row!.id));
    expect(await app.prisma.invoice.count({ where: { series: "F", year } })).toBe(all.length);
  });

  it("render jobs in flight together: each payment issued once, numbers consecutive, each PDF recorded once with its event", async () => {
    const { app } = rig;
    const rest = await paidPaymentFields();
    const payments = await app.prisma.payment.createManyAndReturn({
      data: Array.from({ length: 12 }, () => rest),
      select: { id: true },
    });
    const ids = payments.map((payment) => payment.id);
    const failed = await app.prisma.payment.create({
      data: { ...rest, status: "FAILED" },
    });
    const last = await lastSequence();
    const run = (data: object, n: number) =>
      invoiceRenderJob.run(data, app, { jobId: `together-${n}` });
    // Every job in the same turn (one fetched batch and more): the first two payments twice
    // (a retry racing its first run), a failed payment (no invoice) and an unknown payment (fails alone).
    const outcomes = await Promise.allSettled(
      [
        ...ids.map((paymentId) => ({ kind: "invoice", paymentId })),
        { kind: "invoice", paymentId: ids[0] },
        { kind: "invoice", paymentId: ids[1] },
        { kind: "invoice", paymentId: failed.id },
        { kind: "invoice", paymentId: "no-such-payment" },
      ].map(run),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      ...ids.map(() => "fulfilled"),
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    expect(String((outcomes.at(-1) as PromiseRejectedResult).reason)).toContain(
      "no payment no-such-payment to invoice",
    );
    const invoices = await app.prisma.invoice.findMany({
      where: { paymentId: { in: [...ids, failed.id] } },
      orderBy: { sequence: "asc" },
    });
    expect(invoices.map((invoice) => invoice.paymentId).sort()).toEqual([...ids].sort());
    expect(invoices.map((invoice) => invoice.sequence)).toEqual(ids.map((_, n) => last + 1 + n));
    for (const invoice of invoices) {
      // Stored once, recorded with the bytes' hash, and its number printed in its snapshot.
      expect(invoice.fileKey).toMatch(/^invoices\//);
      const { bytes } = await storedBytes(invoice.id);
      expect(sha256Hex(bytes)).toBe(invoice.sha256);
      expect(documentOf(invoice).number).toBe(invoice.number);
    }
    // One invoice.issued event per invoice, each with its subscribers' delivery jobs.
    const events = await app.prisma.domainEvent.findMany({ where: { type: "invoice.issued" } });
    const issuedFor = events
      .map((event) => (event.data as { invoiceId: string }).invoiceId)
      .filter((invoiceId) => invoices.some((invoice) => invoice.id === invoiceId));
    expect(issuedFor.sort()).toEqual(invoices.map((invoice) => invoice.id).sort());
    const subscribers = app.events
      .subscribersOf("invoice.issued")
      .filter((subscription) => subscription.mode === "job").length;
    expect(subscribers).toBeGreaterThan(0);
    const { rows } = await app.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job
       WHERE name = 'event.deliver' AND data->'event'->'data'->>'invoiceId' = ANY($1)`,
      [invoices.map((invoice) => invoice.id)],
    );
    expect(rows[0]?.n).toBe(invoices.length * subscribers);
    // Two renders of one issued, not yet rendered document at once: one records it (and its
    // event), the other verifies its bytes against the recorded ones.
    const [extra] = await app.prisma.payment.createManyAndReturn({
      data: [rest],
      select: { id: true },
    });
    const unrendered = await issueInvoiceForPayment(app, extra!.id);
    const outcomes2 = await Promise.all([
      renderInvoice(app, unrendered!.id),
      renderInvoice(app, unrendered!.id),
    ]);
    expect(outcomes2.sort()).toEqual(["stored", "verified"]);
    const issuedEvents = (
      await app.prisma.domainEvent.findMany({ where: { type: "invoice.issued" } })
    ).filter((event) => (event.data as { invoiceId: string }).invoiceId === unrendered!.id);
    expect(issuedEvents).toHaveLength(1);
  });

  it("a rolled-back invoice issue gives its number back", async () => {
    const { app } = rig;
    const rest = await paidPaymentFields();
    const payment = await app.prisma.payment.create({ data: rest });
    const last = await lastSequence();
    await expect(
      app.prisma.$transaction(async (tx) => {
        const invoice = await issueInvoiceForPayment(app, payment.id, tx);
        expect(invoice?.sequence).toBe(last + 1);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const invoice = await issueInvoiceForPayment(app, payment.id);
    expect(invoice?.sequence).toBe(last + 1);
  });
});

describe("downloading", () => {
  async function ready() {
    const paid = await paidBooking();
    await drainJobs(rig.app, [invoiceRenderJob]);
    const invoice = await rig.app.prisma.invoice.findUniqueOrThrow({
      where: { paymentId: paid.paymentId },
    });
    return { ...paid, invoice };
  }

  it("serves the buyer and admins; the mentor, strangers, anonymous and unknown ids get 404", async () => {
    const { mentee, invoice } = await ready();
    const ok = await invoicePdfResponse(rig.app, viewer(mentee), invoice.id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("content-disposition")).toBe(
      `attachment; filename="${invoice.number}.pdf"`,
    );
    const body = new Uint8Array(await ok.arrayBuffer());
    expect(body.byteLength).toBe(invoice.byteSize);
    const admin = await createUser(rig.app, "Admin Two");
    expect(
      (await invoicePdfResponse(rig.app, { id: admin.id, role: "ADMIN" }, invoice.id)).status,
    ).toBe(200);

    const stranger = await createUser(rig.app, "Stranger Two");
    for (const who of [
      viewer(stranger),
      viewer({ id: rig.fixture.mentor.id, role: "MENTOR" }),
      null,
    ]) {
      const response = await invoicePdfResponse(rig.app, who, invoice.id);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Not found");
    }
    expect((await invoicePdfResponse(rig.app, viewer(mentee), "no-such-id")).status).toBe(404);
    expect(
      (await invoicePdfResponse(rig.app, { id: admin.id, role: "ADMIN" }, "no-such-id")).status,
    ).toBe(404);
  });

  it("through a request's session: the signed-in buyer gets the PDF, another account and no cookie get 404", async () => {
    const buyer = await signUpVerifiedUser(rig.app, {
      name: "Cookie Buyer",
      email: "buyer@invoices.test",
    });
    const other = await signUpVerifiedUser(rig.app, {
      name: "Cookie Other",
      email: "other@invoices.test",
    });
    const { booking } = await rig.menteeWithHold();
    await rig.app.prisma.booking.update({
      where: { id: booking.id },
      data: { menteeId: buyer.userId },
    });
    await fundWallet(rig.app, buyer.userId, 5_000);
    const started = await startBookingPayment(rig.app, {
      bookingId: booking.id,
      userId: buyer.userId,
    });
    await drainJobs(rig.app, [invoiceRenderJob]);
    const invoice = await rig.app.prisma.invoice.findUniqueOrThrow({
      where: { paymentId: started.paymentId },
    });
    const as = async (headers: Record<string, string>, id = invoice.id) =>
      invoicePdfForContext(await contextFor(rig.app, headers), id);
    const ok = await as({ cookie: buyer.cookie });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    expect((await as({ cookie: other.cookie })).status).toBe(404);
    expect((await as({})).status).toBe(404);
    expect((await as({ cookie: buyer.cookie }, "x".repeat(500))).status).toBe(404);
  });

  it("a payout statement is served to its mentor only (and admins)", async () => {
    const statement = await rig.app.prisma.invoice.findFirstOrThrow({
      where: { kind: "PAYOUT_STATEMENT", fileKey: { not: null } },
    });
    const mentor = { id: rig.fixture.mentor.id, role: "MENTOR" };
    expect((await invoicePdfResponse(rig.app, mentor, statement.id)).status).toBe(200);
    const otherMentor = await createUser(rig.app, "Other Mentor");
    expect(
      (await invoicePdfResponse(rig.app, { id: otherMentor.id, role: "MENTOR" }, statement.id))
        .status,
    ).toBe(404);
  });

  it("says 'being prepared' (202, Retry-After) before the PDF is rendered", async () => {
    const paid = await paidBooking();
    const invoice = await issueInvoiceForPayment(rig.app, paid.paymentId);
    const response = await invoicePdfResponse(rig.app, viewer(paid.mentee), invoice!.id, {
      locale: "fr",
    });
    expect(response.status).toBe(202);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.text()).toContain(`Facture ${invoice!.number} en préparation`);
    // Still 404 for anyone else: "being prepared" reveals nothing to strangers.
    const stranger = await createUser(rig.app, "Stranger Three");
    expect((await invoicePdfResponse(rig.app, viewer(stranger), invoice!.id)).status).toBe(404);
    await drainJobs(rig.app, [invoiceRenderJob]);
    expect((await invoicePdfResponse(rig.app, viewer(paid.mentee), invoice!.id)).status).toBe(200);
  });

  it("refuses tampered stored bytes with a stable code, logged as an error, and never serves them", async () => {
    const { mentee, invoice } = await ready();
    const filePath = `${path.join(rig.app.config.fileStorage.rootDir, ...(invoice.fileKey as string).split("/"))}@`;
    const original = readFileSync(filePath);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 10] = (tampered[tampered.length - 10]! + 1) % 256;
    writeFileSync(filePath, tampered);
    const error = vi.spyOn(rig.app.logger, "error");
    const response = await invoicePdfResponse(rig.app, viewer(mentee), invoice.id);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toContain(INVOICE_INTEGRITY_ERROR);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ code: INVOICE_INTEGRITY_ERROR, invoiceId: invoice.id }),
      expect.any(String),
    );
    // A re-render verifies against the stored file and refuses to overwrite it.
    await expect(renderInvoice(rig.app, invoice.id)).rejects.toThrow(/altered/);
    error.mockRestore();
    writeFileSync(filePath, original);
    expect((await invoicePdfResponse(rig.app, viewer(mentee), invoice.id)).status).toBe(200);
  });

  it("re-stores a missing file from the snapshot when the render reproduces the recorded sha256", async () => {
    const { mentee, invoice } = await ready();
    await rig.app.files.delete(invoice.fileKey as string);
    expect((await invoicePdfResponse(rig.app, viewer(mentee), invoice.id)).status).toBe(500);
    expect(await renderInvoice(rig.app, invoice.id)).toBe("restored");
    expect((await invoicePdfResponse(rig.app, viewer(mentee), invoice.id)).status).toBe(200);
  });
});

describe("VAT-exempt seller", () => {
  it("prints 'TVA non applicable, art. 293 B du CGI' and no VAT, totals equal to the price", async () => {
    const settings = loadConfig({
      NODE_ENV: "test",
      ...SELLER_ENV,
      INVOICE_VAT_EXEMPT: "true",
    }).invoices;
    const doc = invoiceDocument(settings, {
      number: "F-2026-000042",
      issuedAt: new Date("2026-03-20T10:00:00Z"),
      buyer: { name: "Élise Acheteuse", email: "elise@example.com", locale: "fr", billing: null },
      booking: {
        id: "bk_1",
        offeringTitle: "Revue de code",
        durationMinutes: 45,
        startsAt: new Date("2026-03-18T09:00:00Z"),
        mentorName: "Maëlle Mentor",
      },
      payment: {
        id: "pay_1",
        currency: "EUR",
        amountMinor: 4_999,
        walletAmountMinor: 0,
        gatewayAmountMinor: 4_999,
        provider: "stripe",
        providerPaymentId: "pi_123",
        paidAt: new Date("2026-03-20T09:59:00Z"),
      },
    });
    expect(doc.totals).toEqual({ exclMinor: 4_999, vatByRate: [], inclMinor: 4_999 });
    const { renderInvoicePdf } = await import("@mentora/invoice-pdf");
    const report = await expectValidPdf(await renderInvoicePdf(doc), [
      "TVA non applicable, art. 293 B du CGI",
      "F-2026-000042",
      "Date de la prestation : 18 mars 2026",
      "Élise Acheteuse",
      "Revue de code",
      "49,99 EUR",
      "Moyen de paiement : Paiement en ligne (stripe)",
      "pi_123",
    ]);
    expect(report.text).not.toMatch(/Total TVA|Récapitulatif TVA/);
  });
});

describe("buyer snapshot", () => {
  it("uses billing details over the profile, and never flags a business without a VAT number", () => {
    const party = {
      name: "Profile Name",
      email: "p@example.com",
      locale: null,
      billing: {
        name: "ACME SAS",
        addressLines: ["1 rue A"],
        country: "FR",
        vatNumber: null,
        isBusiness: true,
      },
    };
    expect(buyerSnapshot(party, "en")).toEqual({
      name: "ACME SAS",
      addressLines: ["1 rue A", "FR"],
      email: "p@example.com",
    });
    expect(
      buyerSnapshot({ ...party, billing: { ...party.billing, vatNumber: "FR83404833048" } }, "en"),
    ).toMatchObject({ isBusiness: true, vatNumber: "FR83404833048" });
    expect(buyerSnapshot({ ...party, billing: null }, "en")).toEqual({
      name: "Profile Name",
      addressLines: ["Address not provided"],
      email: "p@example.com",
    });
  });
});

describe("billing details", () => {
  it("refuses malformed input and keeps the previous details", async () => {
    const user = await createUser(rig.app, "Billing Person");
    const caller = await callerAs(user.id);
    expect(await caller.invoices.getBillingDetails()).toEqual({
      name: null,
      addressLines: [],
      country: null,
      vatNumber: null,
      isBusiness: false,
      siren: null,
      siret: null,
    });
    await caller.invoices.updateBillingDetails({
      name: "",
      addressLines: ["1 rue A", ""],
      country: "fr",
      vatNumber: null,
      isBusiness: false,
    });
    expect(await caller.invoices.getBillingDetails()).toMatchObject({
      name: null,
      addressLines: ["1 rue A"],
      country: "FR",
    });
    for (const bad of [
      { country: "France" },
      { vatNumber: "FR 12; DROP" },
      { addressLines: Array.from({ length: 6 }, () => "x") },
      { isBusiness: true },
    ]) {
      await expect(
        caller.invoices.updateBillingDetails({
          name: null,
          addressLines: [],
          country: null,
          vatNumber: null,
          isBusiness: false,
          ...bad,
        }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect((await caller.invoices.getBillingDetails()).country).toBe("FR");
  });
});

describe("configuration", () => {
  it("production requires the seller's legal name and identifiers, by name", () => {
    const base = {
      NODE_ENV: "production",
      AUTH_SECRET: "x".repeat(40),
      PUBLIC_URL: "https://mentora.example",
      DATABASE_URL: "postgres://mentora:pw@db.example:5432/mentora",
      SMTP_URL: "smtp://smtp.example:587",
      S3_BUCKET: "mentora-files",
      METRICS_TOKEN: "m".repeat(24),
      PAYMENT_GATEWAYS: "@mentora/gateway-stripe",
      PAYMENT_ROUTING: "*:stripe",
      // Production needs Twilio too (see config.test.ts).
      TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
      TWILIO_API_KEY_SID: `SK${"2".repeat(32)}`,
      TWILIO_API_KEY_SECRET: "api-key-secret",
      TWILIO_AUTH_TOKEN: "auth-token",
    };
    let message = "";
    try {
      loadConfig(base);
    } catch (error) {
      message = String(error);
    }
    for (const name of [
      "INVOICE_SELLER_LEGAL_NAME",
      "INVOICE_SELLER_LEGAL_FORM",
      "INVOICE_SELLER_ADDRESS",
      "INVOICE_SELLER_SIREN",
      "INVOICE_SELLER_VAT_NUMBER",
    ]) {
      expect(message).toContain(name);
    }
    const config = loadConfig({ ...base, ...SELLER_ENV });
    expect(config.invoices.seller.legalName).toBe("Mentora Plateforme SAS");
    // VAT-exempt: no VAT number needed, the exemption mention instead.
    const { INVOICE_SELLER_VAT_NUMBER: _vat, ...withoutVat } = SELLER_ENV;
    const exempt = loadConfig({ ...base, ...withoutVat, INVOICE_VAT_EXEMPT: "true" });
    expect(exempt.invoices).toMatchObject({
      vatRateBasisPoints: 0,
      vatExemptionMention: "TVA non applicable, art. 293 B du CGI",
    });
  });

  it("development defaults to a visibly fake demo seller", () => {
    const config = loadConfig({ NODE_ENV: "development" });
    expect(config.invoices.seller.legalName).toMatch(/DEMO/);
    expect(config.invoices.vatRateBasisPoints).toBe(2000);
  });
});

/** A caller acting as this user (the session part of the context replaced). */
async function callerAs(userId: string) {
  const context = await contextFor(rig.app);
  const user = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({
    ...context,
    session: { user, session: { id: "test", userId, createdAt: new Date() } },
  } as never);
}
