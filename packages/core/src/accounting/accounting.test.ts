import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  facturXProblems,
  findEinvoiceSpecs,
  mustNotSkip,
  validateFacturX,
} from "@mentora/invoice-pdf/einvoice-testing";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceRenderJob } from "../app/job-handlers.ts";
import { documentOf, invoiceXmlResponse, issuePayoutStatement } from "../invoices/index.ts";
import {
  handlePaymentReturn,
  refundPayment,
  startBookingPayment,
  startWalletTopUp,
} from "../payments/index.ts";
import { createPaymentsRig, drainJobs } from "../payments/testing/payments-rig.ts";
import { callerFor, signUpVerifiedUser } from "../testing/index.ts";
import { toUserFacingError } from "../trpc/error-shape.ts";
import { FEC_COLUMNS, fecFileName, fecLines } from "./fec.ts";
import { invoiceArchive, SUMMARY_COLUMNS } from "./invoice-archive.ts";
import { sellerSiren } from "./seller.ts";

const SELLER_ENV = {
  INVOICE_SELLER_LEGAL_NAME: "Mentora Plateforme SAS",
  INVOICE_SELLER_LEGAL_FORM: "SAS",
  INVOICE_SELLER_ADDRESS: "12 rue de l’Église|75011 Paris|France",
  INVOICE_SELLER_SIREN: "732 829 320",
  INVOICE_SELLER_SIRET: "732 829 320 00074",
  INVOICE_SELLER_VAT_NUMBER: "FR44732829320",
  INVOICE_SELLER_EMAIL: "facturation@mentora.example",
  INVOICE_LOCALE: "fr",
};
// Real-shaped identifiers whose Luhn check digits hold.
const BUYER_SIREN = "552100554";
const BUYER_SIRET = "55210055400013";

const specs = findEinvoiceSpecs();
if (!specs && mustNotSkip) {
  throw new Error("e-invoicing specs not found (MENTORA_SPECS_DIR, ../shared/specs, .data/specs)");
}

/** XSD and both EN 16931 schematrons report nothing (when the specs are here; CI has them). */
async function expectValidXml(xml: string) {
  if (!specs) {
    process.stderr.write("[accounting] e-invoicing specs not found: XML not validated\n");
    return;
  }
  expect(facturXProblems(await validateFacturX(specs, xml, { brFr: false }))).toEqual([]);
}

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig(SELLER_ENV);
});
afterAll(async () => {
  await rig?.app.close();
});

const secretOf = (url: string | null) =>
  new URL(url ?? "http://x").searchParams.get("secret") ?? "";
const today = () => new Date().toISOString().slice(0, 10);
const viewer = (id: string, role = "MENTEE") => ({ id, role });
/** The stable code a client sees (VALIDATION_FAILED for bad input, with its field errors). */
const codeOfError = (error: unknown) =>
  toUserFacingError(error, { locale: "en", requestId: "test" }).code;

/** A mentee pays a held booking by card, optionally as a business with a purchase order. */
async function paidBooking(options: { business?: boolean; orderNumber?: string } = {}) {
  const { app } = rig;
  const { mentee, booking } = await rig.menteeWithHold();
  if (options.business) {
    await app.prisma.billingDetails.create({
      data: {
        userId: mentee.id,
        name: "Atelier Dupont SARL",
        addressLines: ["3 place du Marché", "69002 Lyon"],
        country: "FR",
        vatNumber: "FR53552100554",
        isBusiness: true,
        siren: BUYER_SIREN,
        siret: BUYER_SIRET,
      },
    });
  }
  const started = await startBookingPayment(app, {
    bookingId: booking.id,
    userId: mentee.id,
    buyerReference: options.orderNumber ?? null,
  });
  const back = await rig.payerChooses(started.redirectUrl, "pay");
  expect(
    await handlePaymentReturn(app, { paymentId: started.paymentId, secret: secretOf(back) }),
  ).toBe("settled");
  await drainJobs(app, [invoiceRenderJob]);
  const invoice = await app.prisma.invoice.findUniqueOrThrow({
    where: { paymentId: started.paymentId },
  });
  return { mentee, paymentId: started.paymentId, invoice };
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** RFC 4180 rows of our CSV (quoted fields may hold commas). */
function csvRows(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1] ?? ""))
    .map((cells) => cells.slice(0, -1).map((cell) => cell.replace(/^"|"$/g, "")));
}

describe("business buyer identifiers and purchase order", () => {
  it("billing details take a SIREN and SIRET with their Luhn check, the SIRET under the SIREN", async () => {
    const { cookie } = await signUpVerifiedUser(rig.app, {
      name: "Bea Business",
      email: "bea@accounting.test",
    });
    const caller = await callerFor(rig.app, { cookie });
    const base = {
      name: "Atelier Dupont SARL",
      addressLines: ["3 place du Marché", "69002 Lyon"],
      country: "FR",
      vatNumber: "FR53552100554",
      isBusiness: true,
    };
    const refused = async (input: Record<string, unknown>) => {
      try {
        await caller.invoices.updateBillingDetails({ ...base, ...input } as never);
        return "accepted";
      } catch (error) {
        return codeOfError(error);
      }
    };
    expect(await refused({ siren: "552100555" })).toBe("VALIDATION_FAILED"); // Luhn broken
    expect(await refused({ siren: "55210055" })).toBe("VALIDATION_FAILED"); // 8 digits
    expect(await refused({ siret: "55210055400014" })).toBe("VALIDATION_FAILED");
    // A valid SIRET of another company under this SIREN.
    expect(await refused({ siren: "732829320", siret: BUYER_SIRET })).toBe("VALIDATION_FAILED");
    expect(await refused({ siren: BUYER_SIREN, isBusiness: false, vatNumber: null })).toBe(
      "VALIDATION_FAILED",
    );
    // Spaces as people type them; a SIRET alone gives its SIREN.
    const saved = await caller.invoices.updateBillingDetails({
      ...base,
      siret: "552 100 554 00013",
    });
    expect(saved).toMatchObject({ siren: BUYER_SIREN, siret: BUYER_SIRET });
    expect(await caller.invoices.getBillingDetails()).toMatchObject({
      siren: BUYER_SIREN,
      siret: BUYER_SIRET,
    });
  });

  it("checkout refuses a purchase order with control characters or over 50 characters", async () => {
    const { cookie } = await signUpVerifiedUser(rig.app, {
      name: "Olga Order",
      email: "olga@accounting.test",
    });
    const caller = await callerFor(rig.app, { cookie });
    for (const orderNumber of ["PO\u0000-1", "x".repeat(51)]) {
      let code: string | undefined;
      try {
        await caller.payments.startForBooking({ bookingId: "any", orderNumber });
      } catch (error) {
        code = codeOfError(error);
      }
      expect(code).toBe("VALIDATION_FAILED");
    }
  });

  it("the frozen invoice snapshot and its XML carry SIREN, SIRET and the purchase order", async () => {
    const { invoice, mentee } = await paidBooking({ business: true, orderNumber: "PO-2026-042" });
    expect(documentOf(invoice).buyer).toMatchObject({
      name: "Atelier Dupont SARL",
      isBusiness: true,
      siren: BUYER_SIREN,
      siret: BUYER_SIRET,
      orderNumber: "PO-2026-042",
    });
    const response = await invoiceXmlResponse(rig.app, viewer(mentee.id), invoice.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${invoice.number}.xml"`,
    );
    const xml = await response.text();
    expect(xml).toContain(`<ram:ID>${invoice.number}</ram:ID>`);
    expect(xml).toContain("PO-2026-042");
    expect(xml).toContain(BUYER_SIREN);
    expect(xml).toContain(BUYER_SIRET);
    expect(xml).toContain("<ram:TypeCode>380</ram:TypeCode>");
    await expectValidXml(xml);
  }, 120_000);
});

describe("the XML download's access rules", () => {
  it("serves the buyer and admins; strangers, anonymous visitors and unknown ids get 404", async () => {
    const { invoice, mentee } = await paidBooking();
    const stranger = await rig.menteeWithHold();
    expect((await invoiceXmlResponse(rig.app, viewer(mentee.id), invoice.id)).status).toBe(200);
    expect(
      (await invoiceXmlResponse(rig.app, viewer(rig.fixture.mentor.id, "ADMIN"), invoice.id))
        .status,
    ).toBe(200);
    const refusals = await Promise.all([
      invoiceXmlResponse(rig.app, viewer(stranger.mentee.id), invoice.id),
      invoiceXmlResponse(rig.app, null, invoice.id),
      invoiceXmlResponse(rig.app, viewer(mentee.id), "no-such-id"),
    ]);
    for (const response of refusals) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Not found");
    }
    expect((await invoiceXmlResponse(rig.app, viewer(mentee.id), invoice.id, "POST")).status).toBe(
      405,
    );
  });

  it("a payout statement has no Factur-X: 404 even for its mentor", async () => {
    const mentorId = rig.fixture.mentor.id;
    const statement = await issuePayoutStatement(rig.app, rig.app.prisma, {
      payoutId: "payout-xml",
      mentorId,
      currency: "EUR",
      amountMinor: 1_000,
      feeMinor: 100,
      method: "SANDBOX",
      reference: "ref-xml",
      paidAt: new Date(),
    });
    expect((await invoiceXmlResponse(rig.app, viewer(mentorId), statement.id)).status).toBe(404);
  });
});

describe("the accountant's ZIP", () => {
  it("holds each invoice and credit note's PDF and XML, and summary.csv with one row each", {
    timeout: 120_000,
  }, async () => {
    const business = await paidBooking({ business: true, orderNumber: "PO-ZIP-7" });
    const plain = await paidBooking();
    await refundPayment(rig.app, {
      paymentId: plain.paymentId,
      amountMinor: 1_500,
      reason: "goodwill",
      cause: `test:${plain.paymentId}`,
    });
    await drainJobs(rig.app, [invoiceRenderJob]);
    const creditNote = await rig.app.prisma.invoice.findFirstOrThrow({
      where: { originalInvoiceId: plain.invoice.id },
    });
    // Someone altered one stored PDF: it is left out (never shipped), the CSV says why.
    const filePath = `${path.join(rig.app.config.fileStorage.rootDir, ...(plain.invoice.fileKey as string).split("/"))}@`;
    const original = readFileSync(filePath);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 10] = (tampered[tampered.length - 10]! + 1) % 256;
    writeFileSync(filePath, tampered);
    try {
      const bytes = await readStream(invoiceArchive(rig.app, { from: today(), to: today() }));
      const files = unzipSync(bytes);
      const all = await rig.app.prisma.invoice.findMany({
        where: { kind: { in: ["INVOICE", "CREDIT_NOTE"] } },
        orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
      });
      const folder = (kind: string) => (kind === "CREDIT_NOTE" ? "credit-notes" : "invoices");
      const expected = all.flatMap((row) => [
        ...(row.id === plain.invoice.id ? [] : [`${folder(row.kind)}/${row.number}.pdf`]),
        `${folder(row.kind)}/${row.number}.xml`,
      ]);
      expect(Object.keys(files).sort()).toEqual([...expected, "summary.csv"].sort());
      // The PDFs are the stored bytes; the XML is the snapshot's.
      const { sha256Hex } = await import("@mentora/files");
      const inZip = files[`invoices/${business.invoice.number}.pdf`] as Uint8Array;
      expect(sha256Hex(inZip)).toBe(business.invoice.sha256);
      const noteXml = strFromU8(files[`credit-notes/${creditNote.number}.xml`] as Uint8Array);
      expect(noteXml).toContain("<ram:TypeCode>381</ram:TypeCode>");
      expect(noteXml).toContain(plain.invoice.number);
      await expectValidXml(noteXml);

      const rows = csvRows(strFromU8(files["summary.csv"] as Uint8Array));
      expect(rows[0]).toEqual([...SUMMARY_COLUMNS]);
      expect(rows.length - 1).toBe(all.length);
      expect(rows.slice(1).map((row) => row[0])).toEqual(all.map((row) => row.number));
      const byNumber = new Map(
        rows
          .slice(1)
          .map((row) => [row[0], Object.fromEntries(SUMMARY_COLUMNS.map((c, i) => [c, row[i]]))]),
      );
      expect(byNumber.get(business.invoice.number)).toMatchObject({
        kind: "invoice",
        buyerName: "Atelier Dupont SARL",
        buyerSiren: BUYER_SIREN,
        buyerSiret: BUYER_SIRET,
        orderNumber: "PO-ZIP-7",
        currency: "EUR",
        totalIncl: "50.00",
        pdf: `invoices/${business.invoice.number}.pdf`,
        xml: `invoices/${business.invoice.number}.xml`,
      });
      const businessDoc = documentOf(business.invoice);
      expect(byNumber.get(business.invoice.number)?.totalExcl).toBe(
        (businessDoc.totals.exclMinor / 100).toFixed(2),
      );
      expect(byNumber.get(plain.invoice.number)?.pdf).toBe("integrity_error");
      expect(byNumber.get(creditNote.number)).toMatchObject({
        kind: "credit_note",
        originalInvoiceNumber: plain.invoice.number,
        totalIncl: "15.00",
      });
    } finally {
      writeFileSync(filePath, original);
    }
  });

  it("an empty period is a valid ZIP with only the CSV header", async () => {
    const files = unzipSync(
      await readStream(invoiceArchive(rig.app, { from: "2001-01-01", to: "2001-12-31" })),
    );
    expect(Object.keys(files)).toEqual(["summary.csv"]);
    expect(strFromU8(files["summary.csv"] as Uint8Array)).toBe(`${SUMMARY_COLUMNS.join(",")}\r\n`);
  });
});

describe("FEC", () => {
  async function fecOf(year: number, currency?: string) {
    let text = "";
    for await (const line of fecLines(rig.app, { year, ...(currency ? { currency } : {}) })) {
      text += line;
    }
    return text;
  }

  it("has the 18 columns, one line per ledger entry, debits = credits per entry and per journal", async () => {
    const { invoice, paymentId } = await paidBooking();
    // A top-up through the gateway: a bank-journal movement.
    const payer = await rig.menteeWithHold();
    const topUp = await startWalletTopUp(rig.app, {
      userId: payer.mentee.id,
      amountMinor: 2_345,
      currency: "EUR",
    });
    const back = await rig.payerChooses(topUp.redirectUrl, "pay");
    await handlePaymentReturn(rig.app, { paymentId: topUp.paymentId, secret: secretOf(back) });

    const year = new Date().getUTCFullYear();
    const text = await fecOf(year);
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.slice(0, -2).split("\r\n");
    expect(lines[0]).toBe(FEC_COLUMNS.join("\t"));
    const rows = lines.slice(1).map((line) => line.split("\t"));
    const col = (name: (typeof FEC_COLUMNS)[number]) => FEC_COLUMNS.indexOf(name);

    const entries = await rig.app.prisma.ledgerEntry.count({
      where: {
        currency: "EUR",
        transaction: {
          createdAt: {
            gte: new Date(Date.UTC(year, 0, 1)),
            lt: new Date(Date.UTC(year + 1, 0, 1)),
          },
        },
      },
    });
    expect(rows.length).toBe(entries);
    const cents = (amount: string) => Number(amount.replace(",", ""));
    const perEntry = new Map<string, number>();
    const perJournal = new Map<string, number>();
    for (const row of rows) {
      expect(row).toHaveLength(18);
      expect(row[col("EcritureDate")]).toMatch(new RegExp(`^${year}\\d{4}$`));
      expect(row[col("PieceDate")]).toMatch(/^\d{8}$/);
      expect(row[col("ValidDate")]).toBe(row[col("EcritureDate")]);
      expect(row[col("Debit")]).toMatch(/^\d+,\d{2}$/);
      expect(row[col("Credit")]).toMatch(/^\d+,\d{2}$/);
      expect(row[col("CompteNum")]).toMatch(/^\d{6}$/);
      // One side only, never both or neither (ledger entries are never zero).
      expect(
        [cents(row[col("Debit")]!), cents(row[col("Credit")]!)].filter((n) => n > 0),
      ).toHaveLength(1);
      expect(row[col("Montantdevise")]).toBe("");
      expect(row[col("Idevise")]).toBe("");
      const balance = cents(row[col("Debit")]!) - cents(row[col("Credit")]!);
      const entry = row[col("EcritureNum")]!;
      expect(entry.startsWith(row[col("JournalCode")]!)).toBe(true);
      perEntry.set(entry, (perEntry.get(entry) ?? 0) + balance);
      const journal = row[col("JournalCode")]!;
      perJournal.set(journal, (perJournal.get(journal) ?? 0) + balance);
    }
    for (const [entry, balance] of perEntry) expect(balance, entry).toBe(0);
    for (const [journal, balance] of perJournal) expect(balance, journal).toBe(0);
    expect([...perJournal.keys()].sort()).toEqual(expect.arrayContaining(["BQ", "VT"]));

    // Entry numbers are continuous per journal, in posting order.
    for (const journal of perJournal.keys()) {
      const numbers = [...new Set(rows.filter((r) => r[0] === journal).map((r) => r[2]))];
      expect(numbers).toEqual(
        numbers.map((_, i) => `${journal}${year}-${String(i + 1).padStart(6, "0")}`),
      );
    }
    // The sale's lines cite its invoice; the card money is a debit of the gateway's account.
    const sale = rows.filter((row) => row[col("PieceRef")] === invoice.number);
    expect(sale.length).toBeGreaterThanOrEqual(2);
    expect(sale.every((row) => row[col("JournalCode")] === "VT")).toBe(true);
    const gatewayLine = sale.find((row) => row[col("CompteNum")] === "512100");
    expect(gatewayLine?.[col("CompAuxNum")]).toBe("sandbox");
    expect(gatewayLine?.[col("Debit")]).not.toBe("0,00");
    expect(sale.some((row) => row[col("CompteNum")] === "706000")).toBe(true);
    expect(paymentId).toBeTruthy();
    // The top-up: 23,45 in through the gateway, credited to the payer's wallet (419100).
    const wallet = rows.find(
      (row) =>
        row[col("JournalCode")] === "BQ" &&
        row[col("CompteNum")] === "419100" &&
        row[col("CompAuxNum")] === payer.mentee.id,
    );
    expect(wallet?.[col("Credit")]).toBe("23,45");
    expect(wallet?.[col("CompAuxLib")]).toBe("Jeanne Mentee");
  });

  it("another year has the header only; the file has the official name", async () => {
    expect(await fecOf(2001)).toBe(`${FEC_COLUMNS.join("\t")}\r\n`);
    expect(fecFileName(sellerSiren(rig.app.config), 2026)).toBe("732829320FEC20261231.txt");
    expect(fecFileName("732829320", 2026, "TND")).toBe("732829320FEC20261231_TND.txt");
  });
});

describe("export procedures", () => {
  it("record who exported what in the audit log, and refuse bad periods and years", async () => {
    const { cookie, userId } = await signUpVerifiedUser(rig.app, {
      name: "Ada Admin",
      email: "ada@accounting.test",
    });
    await rig.app.prisma.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
    const admin = await callerFor(rig.app, { cookie });
    expect(
      await admin.admin.accounting.authorizeInvoiceExport({ from: "2026-01-01", to: "2026-03-31" }),
    ).toEqual({
      from: "2026-01-01",
      to: "2026-03-31",
      fileName: "accounting-2026-01-01_2026-03-31.zip",
    });
    expect(await admin.admin.accounting.authorizeFecExport({ year: 2026 })).toEqual({
      year: 2026,
      currency: "EUR",
      fileName: "732829320FEC20261231.txt",
    });
    const audit = await rig.app.prisma.auditLog.findMany({
      where: { actorId: userId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((row) => [row.action, row.targetId])).toEqual([
      ["accounting.export-invoices", "2026-01-01/2026-03-31"],
      ["accounting.export-fec", "2026"],
    ]);
    const codeOf = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return "OK";
      } catch (error) {
        return codeOfError(error);
      }
    };
    const bad = [
      () => admin.admin.accounting.authorizeInvoiceExport({ from: "2026-02-30", to: "2026-03-01" }),
      () => admin.admin.accounting.authorizeInvoiceExport({ from: "2026-03-01", to: "2026-02-01" }),
      () => admin.admin.accounting.authorizeInvoiceExport({ from: "2024-01-01", to: "2026-01-01" }),
      () => admin.admin.accounting.authorizeInvoiceExport({ from: "2026-1-1", to: "2026-01-02" }),
      () => admin.admin.accounting.authorizeFecExport({ year: 1999 }),
      () => admin.admin.accounting.authorizeFecExport({ year: 2026, currency: "XXX" }),
    ];
    for (const attempt of bad) expect(await codeOf(attempt())).toBe("VALIDATION_FAILED");
    expect(await rig.app.prisma.auditLog.count({ where: { actorId: userId } })).toBe(2);
  });
});
