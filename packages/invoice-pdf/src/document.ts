// The input model of a rendered document. Plain JSON-serialisable data: core builds it from the
// database once, stores it as a snapshot next to the issued number, and every later re-render
// reads the snapshot, so a document never changes once issued (corrections go through a credit
// note that references the original invoice number).
//
// Amounts are integers in the currency's minor unit (cents for EUR, millimes for TND, yen for
// JPY); `currencyExponent` says how many digits the minor unit has. Dates are ISO strings
// ("2026-03-20" or a full ISO timestamp; only the calendar date is printed).

export type DocumentKind = "invoice" | "credit_note" | "payout_statement";
export type DocumentLocale = "en" | "fr";
export type PaymentStatus = "paid" | "unpaid" | "pending" | "refunded" | "partially_refunded";

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  "invoice",
  "credit_note",
  "payout_statement",
];
export const DOCUMENT_LOCALES: readonly DocumentLocale[] = ["en", "fr"];
export const PAYMENT_STATUSES: readonly PaymentStatus[] = [
  "paid",
  "unpaid",
  "pending",
  "refunded",
  "partially_refunded",
];

/** The issuer: the seller on an invoice or credit note, the platform on a payout statement. */
export type Seller = {
  legalName: string;
  /** "SAS", "SARL", "EI"… Mandatory on invoices and credit notes. */
  legalForm?: string;
  /** Registered address, one line per entry (street, postcode and town, country). */
  addressLines: string[];
  siren?: string;
  siret?: string;
  /** Registry and town, printed as given, e.g. "RCS Paris 123 456 789". Companies only. */
  rcs?: string;
  /** Preformatted share capital, e.g. "10 000 €". Companies only. */
  shareCapital?: string;
  /** Intra-EU VAT number. Mandatory unless the document carries `vatExemptionMention`. */
  vatNumber?: string;
  email?: string;
};

/** The recipient: the buyer on an invoice or credit note, the mentor paid on a payout statement. */
export type Buyer = {
  name: string;
  /** Billing address. Mandatory on invoices and credit notes. */
  addressLines?: string[];
  email?: string;
  /** Mandatory for a business buyer when the total before tax is above 150 EUR. */
  vatNumber?: string;
  /** French company: SIREN (9 digits), legal registration of a business buyer (BT-47). */
  siren?: string;
  /** French establishment: SIRET (14 digits). */
  siret?: string;
  /** A business buyer (B2B): prints the late-payment penalty and the 40 EUR recovery fee. */
  isBusiness?: boolean;
  /** The buyer's order number, printed when given. */
  orderNumber?: string;
};

export type InvoiceLine = {
  description: string;
  /** Date of the service (a session) when it differs per line; printed under the description. */
  date?: string;
  /** A positive integer. */
  quantity: number;
  unitPriceMinor: number;
  /** Discount on the line, before tax, in minor units (>= 0). */
  discountMinor?: number;
  /** 2000 = 20 %, 550 = 5.5 %, 0 for none. */
  vatRateBasisPoints: number;
  /** quantity × unitPriceMinor − discountMinor. */
  totalExclMinor: number;
};

export type VatByRate = { rateBasisPoints: number; baseMinor: number; vatMinor: number };

export type Totals = {
  exclMinor: number;
  /** One entry per VAT rate, ascending by rate; empty on a VAT-exempt document. */
  vatByRate: VatByRate[];
  inclMinor: number;
};

export type Payment = {
  status: PaymentStatus;
  /** Printed as given: "Card (Visa •••• 4242)", "Virement SEPA"… */
  method: string;
  paidAt?: string;
  /** The gateway or bank reference, printed when given. */
  reference?: string;
};

export type PaymentTerms = {
  /** Payment due date (the payment date when paid at booking). */
  dueDate: string;
  /** Early-payment discount terms; the localised "none" is printed when absent. */
  earlyPaymentDiscount?: string;
  /** Late-payment penalty rate, B2B only; defaults to three times the legal interest rate. */
  latePaymentPenalty?: string;
};

export type References = {
  /** Mandatory on a credit note: the invoice it corrects. */
  originalInvoiceNumber?: string;
  /** Issue date of that invoice (BT-26 in the Factur-X XML). */
  originalInvoiceDate?: string;
  bookingId?: string;
  sessionDate?: string;
};

/** What a payout statement adds: the lines are the earnings, totals their gross sum. */
export type Payout = {
  periodStart?: string;
  periodEnd?: string;
  /** Platform fee deducted from the gross earnings (totals.inclMinor). */
  feeMinor: number;
  /** Net amount paid out: totals.inclMinor − feeMinor. */
  netMinor: number;
  /** Transfer reference (bank, PayPal, Konnect…). */
  reference: string;
};

export type InvoiceDocument = {
  kind: DocumentKind;
  /** Unique, from a gapless chronological series: "F-2026-000123", "A-2026-000004", "R-2026-000001". */
  number: string;
  issuedAt: string;
  /** Date of the service; mandatory on invoices and credit notes. */
  serviceDate?: string;
  locale: DocumentLocale;
  seller: Seller;
  buyer: Buyer;
  lines: InvoiceLine[];
  /** ISO 4217 code: "EUR", "TND", "JPY". */
  currency: string;
  /** Digits of the minor unit: EUR 2, TND 3, JPY 0. */
  currencyExponent: number;
  totals: Totals;
  /** When set, printed instead of any VAT line, e.g. "TVA non applicable, art. 293 B du CGI". */
  vatExemptionMention?: string;
  /**
   * The prices were set including VAT (a consumer price): each line's base is the inclusive
   * price divided by (1 + rate), rounded, and its VAT the rest, so the total with tax is the
   * price paid. VAT per rate may then differ from round(base × rate) by at most one minor
   * unit per line at that rate. Use `inclusiveLine` to build such lines.
   */
  vatIncludedInPrices?: boolean;
  payment: Payment;
  /** Mandatory on invoices and credit notes. */
  paymentTerms?: PaymentTerms;
  references?: References;
  /** Mandatory on a payout statement. */
  payout?: Payout;
};

/** Mandatory on every B2B invoice (Code de commerce L441-10): the fixed recovery fee, in EUR. */
export const RECOVERY_FEE_EUR = 40;

export function lineTotalExclMinor(
  line: Pick<InvoiceLine, "quantity" | "unitPriceMinor" | "discountMinor">,
): number {
  const total =
    BigInt(line.quantity) * BigInt(line.unitPriceMinor) - BigInt(line.discountMinor ?? 0);
  return toSafeNumber(total, "line total");
}

/** base × rate / 10000, rounded half away from zero, in integer arithmetic. */
export function vatForBase(baseMinor: number, rateBasisPoints: number): number {
  const product = BigInt(baseMinor) * BigInt(rateBasisPoints);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs * 2n + 10_000n) / 20_000n;
  return toSafeNumber(negative ? -rounded : rounded, "VAT amount");
}

/**
 * Totals from the lines: base per VAT rate, VAT per rate rounded half-up once per rate (not per
 * line), total including tax. A VAT-exempt document has no VAT entries and incl = excl.
 */
export function computeTotals(
  lines: readonly Pick<InvoiceLine, "totalExclMinor" | "vatRateBasisPoints">[],
  options: { vatExempt?: boolean } = {},
): Totals {
  let excl = 0n;
  const bases = new Map<number, bigint>();
  for (const line of lines) {
    excl += BigInt(line.totalExclMinor);
    bases.set(
      line.vatRateBasisPoints,
      (bases.get(line.vatRateBasisPoints) ?? 0n) + BigInt(line.totalExclMinor),
    );
  }
  const exclMinor = toSafeNumber(excl, "total before tax");
  if (options.vatExempt) return { exclMinor, vatByRate: [], inclMinor: exclMinor };
  const vatByRate = [...bases.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rateBasisPoints, base]) => {
      const baseMinor = toSafeNumber(base, "VAT base");
      return { rateBasisPoints, baseMinor, vatMinor: vatForBase(baseMinor, rateBasisPoints) };
    });
  let incl = excl;
  for (const entry of vatByRate) incl += BigInt(entry.vatMinor);
  return { exclMinor, vatByRate, inclMinor: toSafeNumber(incl, "total including tax") };
}

/**
 * One line whose price includes VAT: base = inclusive ÷ (1 + rate) rounded half-up, VAT = the
 * rest. Returns the line and its VAT, for totals that add up to the price paid.
 */
export function inclusiveLine(
  line: Omit<InvoiceLine, "unitPriceMinor" | "totalExclMinor" | "quantity" | "discountMinor">,
  inclusiveMinor: number,
): { line: InvoiceLine; vatMinor: number } {
  const divisor = 10_000n + BigInt(line.vatRateBasisPoints);
  const scaled = BigInt(inclusiveMinor) * 10_000n;
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const rounded = (abs * 2n + divisor) / (divisor * 2n);
  const base = toSafeNumber(negative ? -rounded : rounded, "line base");
  return {
    line: { ...line, quantity: 1, unitPriceMinor: base, totalExclMinor: base },
    vatMinor: inclusiveMinor - base,
  };
}

/** Totals of VAT-inclusive lines: the base per rate, and VAT per rate as given per line. */
export function computeInclusiveTotals(
  entries: readonly { line: InvoiceLine; vatMinor: number }[],
): Totals {
  const exact = computeTotals(entries.map((entry) => entry.line));
  const vatByRate = exact.vatByRate.map((rate) => ({
    ...rate,
    vatMinor: entries
      .filter((entry) => entry.line.vatRateBasisPoints === rate.rateBasisPoints)
      .reduce((sum, entry) => sum + entry.vatMinor, 0),
  }));
  const inclMinor = vatByRate.reduce((sum, rate) => sum + rate.vatMinor, exact.exclMinor);
  return { exclMinor: exact.exclMinor, vatByRate, inclMinor };
}

/** Field by field: a snapshot read back from a JSON store may have its keys in another order. */
function sameVatByRate(given: unknown, expected: readonly VatByRate[]): boolean {
  if (!Array.isArray(given) || given.length !== expected.length) return false;
  return expected.every((rate, i) => {
    const entry = given[i] as unknown;
    return (
      isRecord(entry) &&
      entry.rateBasisPoints === rate.rateBasisPoints &&
      entry.baseMinor === rate.baseMinor &&
      entry.vatMinor === rate.vatMinor
    );
  });
}

function inclusiveVatMatches(
  totals: Record<string, unknown>,
  expected: Totals,
  lines: readonly InvoiceLine[],
): boolean {
  const given = totals.vatByRate;
  if (!Array.isArray(given) || given.length !== expected.vatByRate.length) return false;
  return expected.vatByRate.every((rate, i) => {
    const entry = given[i] as Record<string, unknown> | undefined;
    if (!isRecord(entry) || !isInt(entry.vatMinor)) return false;
    const count = lines.filter((l) => l.vatRateBasisPoints === rate.rateBasisPoints).length;
    return (
      entry.rateBasisPoints === rate.rateBasisPoints &&
      entry.baseMinor === rate.baseMinor &&
      Math.abs(entry.vatMinor - rate.vatMinor) <= count
    );
  });
}

function inclusiveTotal(totals: Record<string, unknown>): number | undefined {
  if (!isInt(totals.exclMinor) || !Array.isArray(totals.vatByRate)) return undefined;
  let sum = totals.exclMinor;
  for (const entry of totals.vatByRate as unknown[]) {
    if (!isRecord(entry) || !isInt(entry.vatMinor)) return undefined;
    sum += entry.vatMinor;
  }
  return sum;
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} out of the safe integer range: ${value}`);
  }
  return Number(value);
}

export class InvoiceDocumentError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid invoice document:\n- ${problems.join("\n- ")}`);
    this.name = "InvoiceDocumentError";
    this.problems = problems;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isText(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
function isDate(value: unknown): value is string {
  return typeof value === "string" && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}
function isInt(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}
function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every(isText);
}

/**
 * Throws an `InvoiceDocumentError` listing every problem: missing mandatory mentions, lines that
 * do not sum to the totals, a credit note without the original invoice number, a payout whose
 * net is not gross minus fee… Returns normally only for a document that can be issued.
 */
export function assertInvoiceDocument(doc: unknown): asserts doc is InvoiceDocument {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  if (!isRecord(doc)) throw new InvoiceDocumentError(["document is not an object"]);

  const kind = doc.kind;
  if (!DOCUMENT_KINDS.includes(kind as DocumentKind)) fail(`unknown kind ${JSON.stringify(kind)}`);
  const sale = kind === "invoice" || kind === "credit_note";
  if (!isText(doc.number)) fail("missing number");
  else if (/\s/.test(doc.number)) fail(`number ${JSON.stringify(doc.number)} contains whitespace`);
  if (!isDate(doc.issuedAt)) fail("missing or invalid issuedAt (ISO date)");
  if (doc.serviceDate !== undefined && !isDate(doc.serviceDate)) fail("invalid serviceDate");
  if (sale && doc.serviceDate === undefined) fail("missing serviceDate (date of the service)");
  if (!DOCUMENT_LOCALES.includes(doc.locale as DocumentLocale)) fail("locale must be en or fr");
  if (typeof doc.currency !== "string" || !/^[A-Z]{3}$/.test(doc.currency)) {
    fail("currency must be an ISO 4217 code");
  }
  const exponent = doc.currencyExponent;
  if (!isInt(exponent) || exponent < 0 || exponent > 4) fail("currencyExponent must be 0..4");
  const exempt = doc.vatExemptionMention !== undefined;
  if (exempt && !isText(doc.vatExemptionMention)) fail("empty vatExemptionMention");

  const seller = doc.seller;
  if (!isRecord(seller)) fail("missing seller");
  else {
    if (!isText(seller.legalName)) fail("missing seller.legalName");
    if (!isTextList(seller.addressLines)) fail("missing seller.addressLines");
    if (sale) {
      if (!isText(seller.legalForm)) fail("missing seller.legalForm");
      if (!isText(seller.siren) && !isText(seller.siret)) fail("missing seller.siren or siret");
      if (!exempt && !isText(seller.vatNumber)) {
        fail("missing seller.vatNumber (or a vatExemptionMention)");
      }
    }
  }

  const buyer = doc.buyer;
  if (!isRecord(buyer)) fail("missing buyer");
  else {
    if (!isText(buyer.name)) fail("missing buyer.name");
    if (sale && !isTextList(buyer.addressLines))
      fail("missing buyer.addressLines (billing address)");
  }

  const lines = doc.lines;
  const validLines: InvoiceLine[] = [];
  if (!Array.isArray(lines) || lines.length === 0) fail("no lines");
  else {
    for (const [i, line] of (lines as unknown[]).entries()) {
      const at = `lines[${i}]`;
      if (!isRecord(line)) {
        fail(`${at} is not an object`);
        continue;
      }
      let ok = true;
      const check = (cond: boolean, message: string) => {
        if (!cond) {
          ok = false;
          fail(`${at}: ${message}`);
        }
      };
      check(isText(line.description), "missing description");
      check(
        isInt(line.quantity) && (line.quantity as number) > 0,
        "quantity must be a positive integer",
      );
      check(isInt(line.unitPriceMinor), "unitPriceMinor must be an integer");
      check(
        line.discountMinor === undefined || (isInt(line.discountMinor) && line.discountMinor >= 0),
        "discountMinor must be a non-negative integer",
      );
      check(
        isInt(line.vatRateBasisPoints) &&
          (line.vatRateBasisPoints as number) >= 0 &&
          (line.vatRateBasisPoints as number) <= 10_000,
        "vatRateBasisPoints must be an integer in 0..10000",
      );
      check(isInt(line.totalExclMinor), "totalExclMinor must be an integer");
      check(line.date === undefined || isDate(line.date), "invalid date");
      if (!ok) continue;
      const typed = line as InvoiceLine;
      const expected = lineTotalExclMinor(typed);
      if (typed.totalExclMinor !== expected) {
        fail(
          `${at}: totalExclMinor ${typed.totalExclMinor} ≠ quantity × unit price − discount = ${expected}`,
        );
      }
      if (exempt && typed.vatRateBasisPoints !== 0) {
        fail(`${at}: VAT rate ${typed.vatRateBasisPoints} on a VAT-exempt document`);
      }
      validLines.push(typed);
    }
  }

  const totals = doc.totals;
  if (!isRecord(totals)) fail("missing totals");
  else if (Array.isArray(lines) && validLines.length === lines.length && lines.length > 0) {
    const expected = computeTotals(validLines, { vatExempt: exempt });
    if (totals.exclMinor !== expected.exclMinor) {
      fail(`totals.exclMinor ${String(totals.exclMinor)} ≠ sum of the lines ${expected.exclMinor}`);
    }
    const inclusive = doc.vatIncludedInPrices === true;
    const vatMatches = inclusive
      ? inclusiveVatMatches(totals, expected, validLines)
      : sameVatByRate(totals.vatByRate, expected.vatByRate);
    if (!vatMatches) {
      fail(
        `totals.vatByRate ${JSON.stringify(totals.vatByRate)} ≠ computed ${JSON.stringify(expected.vatByRate)}`,
      );
    }
    const expectedIncl = inclusive ? inclusiveTotal(totals) : expected.inclMinor;
    if (totals.inclMinor !== expectedIncl) {
      fail(`totals.inclMinor ${String(totals.inclMinor)} ≠ computed ${expectedIncl}`);
    }
    if (
      sale &&
      isRecord(buyer) &&
      buyer.isBusiness === true &&
      !isText(buyer.vatNumber) &&
      doc.currency === "EUR" &&
      expected.exclMinor > 150 * 10 ** (isInt(exponent) ? exponent : 2)
    ) {
      fail("missing buyer.vatNumber (business buyer, total before tax above 150 EUR)");
    }
  }

  const payment = doc.payment;
  if (!isRecord(payment)) fail("missing payment");
  else {
    if (!PAYMENT_STATUSES.includes(payment.status as PaymentStatus)) {
      fail(`unknown payment.status ${JSON.stringify(payment.status)}`);
    }
    if (!isText(payment.method)) fail("missing payment.method");
    if (payment.paidAt !== undefined && !isDate(payment.paidAt)) fail("invalid payment.paidAt");
  }

  const terms = doc.paymentTerms;
  if (terms !== undefined && !isRecord(terms)) fail("invalid paymentTerms");
  if (sale && (!isRecord(terms) || !isDate(terms.dueDate))) {
    fail("missing paymentTerms.dueDate (payment due date)");
  }

  const refs = doc.references;
  if (refs !== undefined && !isRecord(refs)) fail("invalid references");
  if (kind === "credit_note" && !(isRecord(refs) && isText(refs.originalInvoiceNumber))) {
    fail("credit note without references.originalInvoiceNumber");
  }
  if (
    isRecord(refs) &&
    refs.originalInvoiceDate !== undefined &&
    !isDate(refs.originalInvoiceDate)
  ) {
    fail("invalid references.originalInvoiceDate");
  }

  if (kind === "payout_statement") {
    const payout = doc.payout;
    if (!isRecord(payout)) fail("payout statement without payout");
    else {
      if (!isInt(payout.feeMinor) || payout.feeMinor < 0) fail("payout.feeMinor must be >= 0");
      if (!isInt(payout.netMinor)) fail("payout.netMinor must be an integer");
      if (!isText(payout.reference)) fail("missing payout.reference");
      if (
        isRecord(totals) &&
        isInt(totals.inclMinor) &&
        isInt(payout.feeMinor) &&
        payout.netMinor !== totals.inclMinor - payout.feeMinor
      ) {
        fail(
          `payout.netMinor ${String(payout.netMinor)} ≠ gross ${totals.inclMinor} − fee ${payout.feeMinor}`,
        );
      }
    }
  }

  if (problems.length > 0) throw new InvoiceDocumentError(problems);
}

/** EN 16931 allows at most 2 decimals on every amount (BR-DEC-*). */
export const EN16931_MAX_DECIMALS = 2;

/**
 * The decimals a Factur-X XML writes for this document: the currency's own, except that a
 * currency with more (TND) is written with two when every amount is a whole number of
 * hundredths, so it stays EN 16931-valid without rounding anything.
 */
export function facturXAmountDecimals(doc: InvoiceDocument): number {
  const exponent = doc.currencyExponent;
  if (exponent <= EN16931_MAX_DECIMALS) return exponent;
  const step = 10 ** (exponent - EN16931_MAX_DECIMALS);
  const amounts = [doc.totals.exclMinor, doc.totals.inclMinor];
  for (const line of doc.lines) {
    amounts.push(line.unitPriceMinor, line.totalExclMinor, line.discountMinor ?? 0);
  }
  for (const rate of doc.totals.vatByRate) amounts.push(rate.baseMinor, rate.vatMinor);
  return amounts.every((minor) => minor % step === 0) ? EN16931_MAX_DECIMALS : exponent;
}

/**
 * Whether the document can be issued as Factur-X: an invoice or credit note whose every amount
 * fits EN 16931's two decimals exactly. False for a TND document with millimes: its XML keeps
 * the exact three decimals (never rounded away from the amount charged) and is then not
 * EN 16931-conformant, so it is issued as a plain PDF (decision 038).
 */
export function facturXRepresentable(doc: InvoiceDocument): boolean {
  return (
    (doc.kind === "invoice" || doc.kind === "credit_note") &&
    facturXAmountDecimals(doc) <= EN16931_MAX_DECIMALS
  );
}
