import { randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext } from "./browser.ts";
import {
  addPaidOffering,
  closeTestDb,
  createMentor,
  createVerifiedUser,
  PASSWORD,
  testDb,
} from "./db.ts";
import { signedInPage } from "./sign-in.ts";

// E-invoicing downloads over HTTP against the built server (issue #17): the Factur-X XML route
// with the PDF's access rules, the accountant's ZIP and the FEC for admins only. Documents and
// ledger postings are dated in a past year (2019) so no other test's data falls in the periods.

afterAll(closeTestDb);

const YEAR = 2019;

async function cookieOf(email: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function get(path: string, cookie?: string): Promise<Response> {
  return fetch(`${baseUrl()}${path}`, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
  });
}

/** An issued document as the invoices domain stores it: a row with its frozen snapshot. */
async function issue(options: {
  ownerId: string;
  kind: "INVOICE" | "CREDIT_NOTE";
  sequence: number;
  day: string;
  original?: { id: string; number: string };
}) {
  const series = options.kind === "INVOICE" ? "F" : "A";
  const number = `${series}-${YEAR}-${String(options.sequence).padStart(6, "0")}`;
  const issuedAt = new Date(`${options.day}T10:00:00Z`);
  const document = {
    kind: options.kind === "INVOICE" ? "invoice" : "credit_note",
    number,
    issuedAt: issuedAt.toISOString(),
    serviceDate: options.day,
    locale: "fr",
    seller: {
      legalName: "Mentora Plateforme SAS",
      legalForm: "SAS",
      addressLines: ["12 rue de l’Église", "75011 Paris", "France"],
      siren: "732829320",
      vatNumber: "FR44732829320",
    },
    buyer: {
      name: "Atelier Dupont SARL",
      addressLines: ["3 place du Marché", "69002 Lyon", "FR"],
      vatNumber: "FR53552100554",
      isBusiness: true,
      siren: "552100554",
      orderNumber: "PO-E2E-1",
    },
    lines: [
      {
        description: "Séance de mentorat",
        quantity: 1,
        unitPriceMinor: 5_000,
        vatRateBasisPoints: 2_000,
        totalExclMinor: 5_000,
      },
    ],
    currency: "EUR",
    currencyExponent: 2,
    totals: {
      exclMinor: 5_000,
      vatByRate: [{ rateBasisPoints: 2_000, baseMinor: 5_000, vatMinor: 1_000 }],
      inclMinor: 6_000,
    },
    payment: {
      status: options.kind === "INVOICE" ? "paid" : "refunded",
      method: "Carte bancaire",
      paidAt: issuedAt.toISOString(),
    },
    paymentTerms: { dueDate: options.day },
    ...(options.original ? { references: { originalInvoiceNumber: options.original.number } } : {}),
  };
  return testDb().invoice.create({
    data: {
      kind: options.kind,
      series,
      year: YEAR,
      sequence: options.sequence,
      number,
      issuedAt,
      document,
      ownerId: options.ownerId,
      currency: "EUR",
      totalMinor: 6_000,
      retentionUntil: new Date(`${YEAR + 10}-12-31T00:00:00Z`),
      ...(options.original ? { originalInvoiceId: options.original.id } : {}),
    },
  });
}

let buyerCookie: string;
let strangerCookie: string;
let adminCookie: string;
let adminId: string;
let adminEmail: string;
let invoice: Awaited<ReturnType<typeof issue>>;
let creditNote: Awaited<ReturnType<typeof issue>>;

beforeAll(async () => {
  const db = testDb();
  const tag = randomUUID().slice(0, 8);
  const buyer = await createVerifiedUser({ name: "Bea Buyer", email: `bea-${tag}@example.com` });
  await createVerifiedUser({ name: "Sam Stranger", email: `sam-${tag}@example.com` });
  const admin = await createVerifiedUser({ name: "Ada Admin", email: `ada-${tag}@example.com` });
  adminId = admin.id;
  adminEmail = `ada-${tag}@example.com`;
  await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  buyerCookie = await cookieOf(`bea-${tag}@example.com`);
  strangerCookie = await cookieOf(`sam-${tag}@example.com`);
  adminCookie = await cookieOf(`ada-${tag}@example.com`);
  // Sequences far from any other test's (the series counter of YEAR is never used by them).
  const base = randomInt(100_000, 900_000);
  invoice = await issue({
    ownerId: buyer.id,
    kind: "INVOICE",
    sequence: base,
    day: `${YEAR}-03-10`,
  });
  creditNote = await issue({
    ownerId: buyer.id,
    kind: "CREDIT_NOTE",
    sequence: base,
    day: `${YEAR}-03-12`,
    original: { id: invoice.id, number: invoice.number },
  });
  // A card payment in YEAR, as the ledger posts it: the gateway's clearing account takes the
  // money (negative), the mentor's pending earnings and the platform's fee are credited.
  const account = (kind: "GATEWAY_CLEARING" | "MENTOR_PENDING" | "PLATFORM_FEES", owner: string) =>
    db.ledgerAccount.upsert({
      where: { kind_owner_currency: { kind, owner, currency: "EUR" } },
      create: { kind, owner, currency: "EUR" },
      update: {},
    });
  const clearing = await account("GATEWAY_CLEARING", "sandbox");
  const pending = await account("MENTOR_PENDING", buyer.id);
  const fees = await account("PLATFORM_FEES", "");
  await db.ledgerTransaction.create({
    data: {
      kind: "PAYMENT",
      idempotencyKey: `e2e-fec:${tag}`,
      createdAt: new Date(`${YEAR}-03-10T09:00:00Z`),
      entries: {
        create: [
          { accountId: clearing.id, currency: "EUR", amountMinor: -6_000n },
          { accountId: pending.id, currency: "EUR", amountMinor: 4_800n },
          { accountId: fees.id, currency: "EUR", amountMinor: 1_200n },
        ],
      },
    },
  });
});

describe("the billing form (built server)", () => {
  function postBilling(fields: Record<string, string>): Promise<Response> {
    return fetch(`${baseUrl()}/account`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: buyerCookie,
        origin: baseUrl(),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        intent: "billing",
        name: "Atelier Dupont SARL",
        address: "3 place du Marché\n69002 Lyon",
        country: "FR",
        vatNumber: "FR53 552100554",
        isBusiness: "on",
        ...fields,
      }).toString(),
    });
  }
  const saved = async () =>
    testDb().billingDetails.findUnique({
      where: { userId: invoice.ownerId },
      select: { siren: true, siret: true },
    });

  it("saves a French company's SIREN and SIRET, refuses a broken check digit", async () => {
    const refused = await postBilling({ siren: "552 100 555" });
    expect(refused.status).toBe(200);
    expect(await saved()).toBeNull();
    const ok = await postBilling({ siren: "552 100 554", siret: "552 100 554 00013" });
    expect(ok.status).toBe(200);
    expect(await saved()).toEqual({ siren: "552100554", siret: "55210055400013" });
    // A SIRET of another company under this SIREN: refused, the saved values stay.
    await postBilling({ siren: "552100554", siret: "73282932000074" });
    expect(await saved()).toEqual({ siren: "552100554", siret: "55210055400013" });
  });
});

describe("the pay box's purchase order (built server)", () => {
  it("reaches the payment the checkout starts, for its invoice", async () => {
    const tag = randomUUID().slice(0, 8);
    const mentor = await createMentor({ name: "Marc Mentor", email: `marc-${tag}@example.com` });
    await addPaidOffering(mentor.id);
    const option = await testDb().offeringOption.findFirstOrThrow({
      where: { offering: { mentorId: mentor.id } },
    });
    // Three days ahead at 10:00 UTC: inside the mentor's hours (07:00–22:00 Paris), notice, horizon.
    const startsAt = new Date();
    startsAt.setUTCDate(startsAt.getUTCDate() + 3);
    startsAt.setUTCHours(10, 0, 0, 0);
    const held = await fetch(`${baseUrl()}/api/trpc/bookings.hold`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl(), cookie: buyerCookie },
      body: JSON.stringify({ json: { optionId: option.id, startsAt: startsAt.toISOString() } }),
    });
    expect(held.status).toBe(200);
    const booking = ((await held.json()) as { result: { data: { json: { id: string } } } }).result
      .data.json;
    const pay = await fetch(`${baseUrl()}/bookings/${booking.id}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: buyerCookie,
        origin: baseUrl(),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "pay", orderNumber: "  PO-2026-0042 " }).toString(),
    });
    // Off to the provider's hosted page: the payment exists, with the buyer's reference.
    expect(pay.status).toBeGreaterThanOrEqual(300);
    expect(pay.status).toBeLessThan(400);
    const payment = await testDb().payment.findFirstOrThrow({ where: { bookingId: booking.id } });
    expect(payment.buyerReference).toBe("PO-2026-0042");
  });
});

describe("the Factur-X XML route (built server)", () => {
  it("gives the buyer and admins the XML; a stranger, anonymous visitors and unknown ids get 404", async () => {
    const own = await get(`/invoices/${invoice.id}.xml`, buyerCookie);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(own.headers.get("content-disposition")).toBe(
      `attachment; filename="${invoice.number}.xml"`,
    );
    const xml = await own.text();
    expect(xml).toContain("CrossIndustryInvoice");
    expect(xml).toContain(`<ram:ID>${invoice.number}</ram:ID>`);
    expect(xml).toContain("PO-E2E-1");
    expect((await get(`/invoices/${creditNote.id}.xml`, adminCookie)).status).toBe(200);

    for (const [path, cookie] of [
      [`/invoices/${invoice.id}.xml`, strangerCookie],
      [`/invoices/${creditNote.id}.xml`, strangerCookie],
      [`/invoices/${invoice.id}.xml`, undefined],
      [`/invoices/${randomUUID()}.xml`, buyerCookie],
    ] as const) {
      const response = await get(path, cookie);
      expect(response.status, `${path} ${cookie ? "signed in" : "anonymous"}`).toBe(404);
      expect(await response.text()).not.toContain("CrossIndustryInvoice");
    }
  });
});

describe("the accountant's exports (built server)", () => {
  const zipPath = `/admin/accounting.zip?from=${YEAR}-03-01&to=${YEAR}-03-31`;
  const fecPath = `/admin/fec.txt?year=${YEAR}`;

  it("refuse non-admins (403) and send anonymous visitors to sign-in, never a file", async () => {
    for (const path of [zipPath, fecPath]) {
      const mentee = await get(path, buyerCookie);
      expect(mentee.status, path).toBe(403);
      expect(mentee.headers.get("content-type")).toMatch(/^text\/plain/);
      const anonymous = await get(path);
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get("location")).toBe(
        `/sign-in?redirectTo=${encodeURIComponent(path)}`,
      );
    }
    expect(
      await testDb().auditLog.count({ where: { action: { startsWith: "accounting." } } }),
    ).toBe(0);
  });

  it("give an admin the period's ZIP: XMLs, summary.csv, audit-logged", async () => {
    const response = await get(zipPath, adminCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="accounting-${YEAR}-03-01_${YEAR}-03-31.zip"`,
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      [
        `credit-notes/${creditNote.number}.xml`,
        `invoices/${invoice.number}.xml`,
        "summary.csv",
      ].sort(),
    );
    const csv = strFromU8(files["summary.csv"] as Uint8Array)
      .trimEnd()
      .split("\r\n");
    expect(csv).toHaveLength(3);
    expect(csv[0]?.split(",").slice(0, 3)).toEqual(["number", "kind", "issuedAt"]);
    expect(csv[1]).toContain(`${invoice.number},invoice,${YEAR}-03-10`);
    expect(csv[1]).toContain("552100554");
    expect(csv[1]).toContain("50.00,10.00,60.00,not_rendered");
    expect(csv[2]).toContain(`${creditNote.number},credit_note,${YEAR}-03-12,${invoice.number}`);
    const noteXml = strFromU8(files[`credit-notes/${creditNote.number}.xml`] as Uint8Array);
    expect(noteXml).toContain("<ram:TypeCode>381</ram:TypeCode>");
    // Old credit note without the original's date in its snapshot: taken from the invoice row.
    expect(noteXml).toContain(`${YEAR}0310`);
    const audit = await testDb().auditLog.findFirst({
      where: { actorId: adminId, action: "accounting.export-invoices" },
    });
    expect(audit?.targetId).toBe(`${YEAR}-03-01/${YEAR}-03-31`);
  });

  it("give an admin the FEC under its official name, balanced, 18 columns", async () => {
    const response = await get(fecPath, adminCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="\\d{9}FEC${YEAR}1231\\.txt"$`),
    );
    const text = await response.text();
    expect(text.endsWith("\r\n")).toBe(true);
    // Not trimmed: the last columns (Montantdevise, Idevise) are empty in EUR.
    const lines = text.slice(0, -2).split("\r\n");
    expect(lines[0]?.split("\t")).toHaveLength(18);
    const rows = lines.slice(1).map((line) => line.split("\t"));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toHaveLength(18);
      expect(row[0]).toBe("VT");
      expect(row[2]).toBe(`VT${YEAR}-000001`);
      expect(row[3]).toBe(`${YEAR}0310`);
    }
    const cents = (value: string | undefined) => Number((value ?? "").replace(",", ""));
    const debit = rows.reduce((sum, row) => sum + cents(row[11]), 0);
    const credit = rows.reduce((sum, row) => sum + cents(row[12]), 0);
    expect(debit).toBe(6_000);
    expect(credit).toBe(6_000);
    expect(rows.find((row) => row[4] === "512100")?.[11]).toBe("60,00");
    expect(
      await testDb().auditLog.count({
        where: { actorId: adminId, action: "accounting.export-fec" },
      }),
    ).toBe(1);
  });

  it("refuse a bad period or year with a stable code, and a stale sign-in goes to /reauth", async () => {
    const bad = await get(`/admin/accounting.zip?from=${YEAR}-02-30&to=${YEAR}-03-01`, adminCookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/^VALIDATION_FAILED: /);
    expect((await get("/admin/fec.txt?year=abc", adminCookie)).status).toBe(400);
    // The same admin, signed in 16 minutes ago: a money action asks for the password again.
    const token = decodeURIComponent(adminCookie.match(/session_token=([^;]+)/)?.[1] ?? "");
    await testDb().session.update({
      where: { token: token.split(".")[0] },
      data: { createdAt: new Date(Date.now() - 16 * 60_000) },
    });
    const stale = await get(fecPath, adminCookie);
    expect(stale.status).toBe(303);
    expect(stale.headers.get("location")).toBe(`/reauth?redirectTo=${encodeURIComponent(fecPath)}`);
  });
});

describe("Admin → Accounting in a browser (built server)", () => {
  it("offers both downloads on an accessible page; the FEC arrives under its official name", async () => {
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser);
      const { page, watch } = await signedInPage(context, adminEmail, "/admin/accounting");
      await page.getByRole("heading", { name: "Accounting exports", level: 1 }).waitFor();
      await watch.check();
      await page.getByLabel("Fiscal year").fill(String(YEAR));
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download the FEC" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^\\d{9}FEC${YEAR}1231\\.txt$`));
      const text = readFileSync((await download.path()) as string, "utf8");
      expect(text.split("\r\n")[0]?.split("\t")).toHaveLength(18);
      const [archive] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download the ZIP" }).click(),
      ]);
      expect(archive.suggestedFilename()).toMatch(
        /^accounting-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.zip$/,
      );
      watch.done();
    } finally {
      await browser.close();
    }
  });
});
