// Factur-X end to end on real Postgres and real pg-boss jobs: a paid booking's invoice and its
// refund's credit note are stored as PDF/A-3b with the EN 16931 XML of their snapshot inside,
// and that XML passes the XSD and both schematrons (the official artefacts, see
// @mentora/invoice-pdf/einvoice-testing). Payout statements and documents issued before Factur-X
// stay plain PDFs, and an issued document's format can never change.
import {
  facturXProblems,
  findEinvoiceSpecs,
  mustNotSkip,
  schematronSef,
  validateFacturX,
  xpathStrings,
} from "@mentora/invoice-pdf/einvoice-testing";
import { buildFacturXml } from "@mentora/invoice-pdf/facturx";
import { inspectPdf, pdfProblems, readFacturXParts } from "@mentora/invoice-pdf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelBookingByMentee } from "../bookings/index.ts";
import { loadConfig } from "../config/index.ts";
import { handlePaymentReturn, startBookingPayment } from "../payments/index.ts";
import { createPaymentsRig, drainJobs } from "../payments/testing/payments-rig.ts";
import { contextFor } from "../testing/index.ts";
import { createCaller } from "../trpc/router.ts";
import { documentOf, issuePayoutStatement } from "./issue.ts";
import { invoiceRenderJob } from "./render.job.ts";
import { renderInvoice } from "./render.ts";
import { invoiceDocument } from "./snapshot.ts";

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

const specs = findEinvoiceSpecs();
if (!specs && mustNotSkip) {
  throw new Error("e-invoicing specs not found (MENTORA_SPECS_DIR, ../shared/specs, .data/specs)");
}

/** XSD and both EN 16931 schematrons report nothing (when the specs are here; CI has them). */
async function expectValidXml(xml: string) {
  if (!specs) {
    process.stderr.write("[invoices] e-invoicing specs not found: XML not validated\n");
    return;
  }
  const validation = await validateFacturX(specs, xml, { brFr: false });
  expect(facturXProblems(validation)).toEqual([]);
}

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  // A cold run compiles the schematrons (about a minute, more under a loaded CI), once.
  if (specs) await Promise.all([schematronSef(specs, "facturx"), schematronSef(specs, "en16931")]);
}, 900_000);
beforeAll(async () => {
  rig = await createPaymentsRig(SELLER_ENV);
});
afterAll(async () => {
  await rig?.app.close();
});

const secretOf = (url: string | null) =>
  new URL(url ?? "http://x").searchParams.get("secret") ?? "";

async function paidBooking() {
  const { app } = rig;
  const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 2_000 });
  const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
  if (started.status === "PENDING") {
    const back = await rig.payerChooses(started.redirectUrl, "pay");
    expect(
      await handlePaymentReturn(app, { paymentId: started.paymentId, secret: secretOf(back) }),
    ).toBe("settled");
  }
  return { mentee, booking, paymentId: started.paymentId };
}

async function callerAs(userId: string) {
  const context = await contextFor(rig.app);
  const user = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({
    ...context,
    session: { user, session: { id: "test", userId, createdAt: new Date() } },
  } as never);
}

async function storedBytes(invoiceId: string) {
  const invoice = await rig.app.prisma.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  const file = await rig.app.files.get(invoice.fileKey as string);
  return { invoice, bytes: file?.bytes ?? new Uint8Array() };
}

describe("Factur-X invoices and credit notes", { timeout: 60_000 }, () => {
  let paid: Awaited<ReturnType<typeof paidBooking>>;
  let invoiceNumber: string;
  let invoiceIssuedAt: string;

  it("a business buyer's paid booking: its invoice is a Factur-X whose XML is the snapshot's", async () => {
    paid = await paidBooking();
    // A business buyer: billing details with a VAT number and an address, as the form takes them.
    const caller = await callerAs(paid.mentee.id);
    await caller.invoices.updateBillingDetails({
      name: "Jeanne SARL",
      addressLines: ["5 quai des Brumes", "13002 Marseille"],
      country: "FR",
      vatNumber: "FR83404833048",
      isBusiness: true,
    });
    await drainJobs(rig.app, [invoiceRenderJob]);
    const row = await rig.app.prisma.invoice.findUniqueOrThrow({
      where: { paymentId: paid.paymentId },
    });
    expect(row.format).toBe("FACTURX");
    const { bytes } = await storedBytes(row.id);
    const parts = readFacturXParts(bytes);
    const xml = buildFacturXml(documentOf(row));
    expect(parts.version).toBe("%PDF-1.7");
    expect(parts.files).toEqual({ "factur-x.xml": xml });
    expect(parts.associated).toEqual([
      { name: "factur-x.xml", relationship: "Data", subtype: "text/xml" },
    ]);
    expect(parts.outputIntents).toMatchObject([{ subtype: "GTS_PDFA1", components: 3 }]);
    expect(await xpathStrings(parts.xmp ?? "", "//*:ConformanceLevel")).toEqual(["EN 16931"]);
    expect(pdfProblems(await inspectPdf(bytes), { mentions: [row.number] })).toEqual([]);

    expect(await xpathStrings(xml, "//ram:TypeCode[parent::rsm:ExchangedDocument]")).toEqual([
      "380",
    ]);
    expect(await xpathStrings(xml, "//ram:BuyerTradeParty/ram:Name")).toEqual(["Jeanne SARL"]);
    expect(await xpathStrings(xml, "//ram:BuyerTradeParty//ram:ID[@schemeID='VA']")).toEqual([
      "FR83404833048",
    ]);
    expect(await xpathStrings(xml, "//ram:GrandTotalAmount")).toEqual(["50.00"]);
    expect(await xpathStrings(xml, "//ram:DuePayableAmount")).toEqual(["0.00"]);
    await expectValidXml(xml);
    invoiceNumber = row.number;
    invoiceIssuedAt = row.issuedAt.toISOString();

    // A re-render reproduces the recorded Factur-X bytes.
    expect(await renderInvoice(rig.app, row.id)).toBe("verified");
  });

  it("its refund's credit note is a Factur-X 381 naming the invoice and its date", async () => {
    await cancelBookingByMentee(rig.app, { bookingId: paid.booking.id, menteeId: paid.mentee.id });
    await drainJobs(rig.app, [invoiceRenderJob]);
    const refund = await rig.app.prisma.refund.findFirstOrThrow({
      where: { paymentId: paid.paymentId },
    });
    const row = await rig.app.prisma.invoice.findUniqueOrThrow({ where: { refundId: refund.id } });
    expect(row.format).toBe("FACTURX");
    const xml = buildFacturXml(documentOf(row));
    expect(readFacturXParts((await storedBytes(row.id)).bytes).files).toEqual({
      "factur-x.xml": xml,
    });
    expect(await xpathStrings(xml, "//ram:TypeCode[parent::rsm:ExchangedDocument]")).toEqual([
      "381",
    ]);
    expect(await xpathStrings(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID")).toEqual(
      [invoiceNumber],
    );
    expect(await xpathStrings(xml, "//ram:InvoiceReferencedDocument//qdt:DateTimeString")).toEqual([
      invoiceIssuedAt.slice(0, 10).replaceAll("-", ""),
    ]);
    await expectValidXml(xml);
  });

  it("a VAT-exempt seller's snapshot gives a valid XML (category E, VATEX-FR-FRANCHISE)", async () => {
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
    const xml = buildFacturXml(doc);
    expect(await xpathStrings(xml, "//ram:ExemptionReasonCode")).toEqual(["VATEX-FR-FRANCHISE"]);
    await expectValidXml(xml);
  });
});

describe("plain PDFs", { timeout: 60_000 }, () => {
  it("payout statements stay plain PDFs", async () => {
    const statement = await rig.app.prisma.$transaction((tx) =>
      issuePayoutStatement(rig.app, tx, {
        payoutId: "payout-facturx",
        mentorId: rig.fixture.mentor.id,
        currency: "EUR",
        amountMinor: 19_200,
        feeMinor: 4_800,
        method: "Virement SEPA",
        reference: "PO-TRX-5521",
        paidAt: new Date("2026-04-02T09:00:00Z"),
        periodStart: new Date("2026-03-01T00:00:00Z"),
        periodEnd: new Date("2026-03-31T00:00:00Z"),
      }),
    );
    expect(statement.format).toBe("PDF");
    await drainJobs(rig.app, [invoiceRenderJob]);
    const parts = readFacturXParts((await storedBytes(statement.id)).bytes);
    expect(parts).toMatchObject({ version: "%PDF-1.3", files: {}, outputIntents: [] });
  });

  it("an invoice issued before Factur-X is re-rendered as the plain PDF it was; its format is frozen", async () => {
    const source = await rig.app.prisma.invoice.findFirstOrThrow({
      where: { kind: "INVOICE", format: "FACTURX" },
    });
    const doc = { ...documentOf(source), number: "F-2000-000001" };
    // As the migration leaves every earlier row: format PDF, its bytes recorded.
    const old = await rig.app.prisma.invoice.create({
      data: {
        kind: "INVOICE",
        series: "F",
        year: 2000,
        sequence: 1,
        number: doc.number,
        issuedAt: source.issuedAt,
        document: doc,
        ownerId: source.ownerId,
        currency: "EUR",
        totalMinor: source.totalMinor,
        retentionUntil: source.retentionUntil,
      },
    });
    expect(old.format).toBe("PDF");
    expect(await renderInvoice(rig.app, old.id)).toBe("stored");
    const first = await storedBytes(old.id);
    expect(readFacturXParts(first.bytes)).toMatchObject({ version: "%PDF-1.3", files: {} });
    expect(await renderInvoice(rig.app, old.id)).toBe("verified");
    await expect(
      rig.app.prisma.invoice.update({ where: { id: old.id }, data: { format: "FACTURX" } }),
    ).rejects.toThrow(/cannot change/);
  });
});
