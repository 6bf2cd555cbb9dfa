import { describe, expect, test } from "vitest";
import {
  assertInvoiceDocument,
  computeInclusiveTotals,
  computeTotals,
  type InvoiceDocument,
  InvoiceDocumentError,
  inclusiveLine,
  vatForBase,
} from "./document.ts";
import { exemptDocument, line, sampleDocument, tndDocument } from "./testing/fixtures.ts";

describe("computeTotals", () => {
  test("VAT is rounded half-up once per rate, not per line", () => {
    // Two lines of 10 minor units at 5.5 %: 0.55 each would round to 1 per line (2 in all);
    // per rate, 20 × 5.5 % = 1.1 → 1.
    const lines = [line("a", 1, 10, 550), line("b", 1, 10, 550), line("c", 1, 10_000, 2000)];
    expect(computeTotals(lines)).toEqual({
      exclMinor: 10_020,
      vatByRate: [
        { rateBasisPoints: 550, baseMinor: 20, vatMinor: 1 },
        { rateBasisPoints: 2000, baseMinor: 10_000, vatMinor: 2_000 },
      ],
      inclMinor: 12_021,
    });
  });

  test("half-up at exactly .5, away from zero for negatives", () => {
    expect(vatForBase(10, 500)).toBe(1); // 0.5 → 1
    expect(vatForBase(9, 550)).toBe(0); // 0.495 → 0
    expect(vatForBase(1_999, 550)).toBe(110); // 109.945 → 110
    expect(vatForBase(-10, 500)).toBe(-1);
    expect(vatForBase(1_234_567, 1900)).toBe(234_568); // 234567.73
  });

  test("a VAT-exempt document has no VAT entry and incl = excl", () => {
    expect(computeTotals([line("a", 2, 3_500, 0)], { vatExempt: true })).toEqual({
      exclMinor: 7_000,
      vatByRate: [],
      inclMinor: 7_000,
    });
  });
});

describe("assertInvoiceDocument", () => {
  const reject = (doc: unknown, message: RegExp) => {
    expect(() => assertInvoiceDocument(doc)).toThrow(InvoiceDocumentError);
    expect(() => assertInvoiceDocument(doc)).toThrow(message);
  };
  const invoice = () => sampleDocument("invoice", "fr");

  test("accepts the sample documents", () => {
    for (const kind of ["invoice", "credit_note", "payout_statement"] as const) {
      for (const locale of ["en", "fr"] as const) {
        expect(() => assertInvoiceDocument(sampleDocument(kind, locale))).not.toThrow();
      }
    }
    expect(() => assertInvoiceDocument(tndDocument("fr"))).not.toThrow();
    expect(() => assertInvoiceDocument(exemptDocument("fr"))).not.toThrow();
  });

  test("refuses totals that the lines do not sum to", () => {
    const doc = invoice();
    reject({ ...doc, totals: { ...doc.totals, inclMinor: doc.totals.inclMinor + 1 } }, /inclMinor/);
    reject({ ...doc, totals: { ...doc.totals, exclMinor: 1 } }, /exclMinor .* sum of the lines/);
    const vatByRate = doc.totals.vatByRate.map((e) => ({ ...e, vatMinor: e.vatMinor + 1 }));
    reject({ ...doc, totals: { ...doc.totals, vatByRate } }, /vatByRate/);
  });

  test("refuses a line whose total is not quantity × price − discount", () => {
    const doc = invoice();
    const [first, ...rest] = doc.lines;
    reject(
      { ...doc, lines: [{ ...first!, totalExclMinor: 1 }, ...rest] },
      /lines\[0\]: totalExclMinor/,
    );
    reject({ ...doc, lines: [{ ...first!, quantity: 1.5 }, ...rest] }, /positive integer/);
  });

  test("refuses missing mandatory mentions", () => {
    const doc = invoice();
    reject({ ...doc, number: "" }, /missing number/);
    reject({ ...doc, serviceDate: undefined }, /serviceDate/);
    reject({ ...doc, paymentTerms: undefined }, /dueDate/);
    reject({ ...doc, seller: { ...doc.seller, legalForm: undefined } }, /legalForm/);
    reject({ ...doc, seller: { ...doc.seller, siren: undefined, siret: undefined } }, /siren/);
    reject({ ...doc, seller: { ...doc.seller, vatNumber: undefined } }, /seller.vatNumber/);
    reject({ ...doc, buyer: { ...doc.buyer, addressLines: [] } }, /billing address/);
    reject({ ...doc, buyer: { ...doc.buyer, vatNumber: undefined } }, /buyer.vatNumber/);
    reject({ ...doc, lines: [] }, /no lines/);
    reject(null, /not an object/);
  });

  test("a business buyer's VAT number is not needed at 150 EUR or less before tax", () => {
    const lines = [line("Séance", 1, 15_000, 2000)];
    const doc: InvoiceDocument = {
      ...invoice(),
      buyer: { ...invoice().buyer, vatNumber: undefined },
      lines,
      totals: computeTotals(lines),
    };
    expect(() => assertInvoiceDocument(doc)).not.toThrow();
  });

  test("a credit note must reference the original invoice", () => {
    const doc = sampleDocument("credit_note", "en");
    reject({ ...doc, references: { bookingId: "bk_1" } }, /originalInvoiceNumber/);
  });

  test("a VAT-exempt document cannot carry a VAT rate", () => {
    const doc = exemptDocument("fr");
    const lines = [line("Séance", 1, 7_000, 2000)];
    reject({ ...doc, lines, totals: computeTotals(lines, { vatExempt: true }) }, /VAT-exempt/);
  });

  test("a payout's net must be gross minus fee", () => {
    const doc = sampleDocument("payout_statement", "fr");
    reject({ ...doc, payout: { ...doc.payout!, netMinor: doc.payout!.netMinor + 1 } }, /netMinor/);
    reject({ ...doc, payout: undefined }, /without payout/);
  });

  test("lists every problem at once", () => {
    try {
      assertInvoiceDocument({ ...invoice(), number: "", currency: "euro", locale: "de" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvoiceDocumentError);
      expect((error as InvoiceDocumentError).problems).toHaveLength(3);
    }
  });
});

describe("VAT-inclusive prices", () => {
  // A consumer buyer (no VAT number needed) with the sample seller.
  const invoice = (): InvoiceDocument => ({
    ...sampleDocument("invoice", "fr"),
    buyer: { name: "Jeanne", addressLines: ["Paris"] },
  });
  test("every inclusive price is reachable: the total with tax is the price paid", () => {
    // round(base × 20 %) skips one total in six, so inclusive prices need the VAT as the rest.
    let unreachableByExactVat = 0;
    for (let price = 1; price <= 3_000; price += 1) {
      const entry = inclusiveLine({ description: "Séance", vatRateBasisPoints: 2000 }, price);
      const totals = computeInclusiveTotals([entry]);
      expect(totals.inclMinor).toBe(price);
      if (totals.vatByRate[0]!.vatMinor !== vatForBase(entry.line.totalExclMinor, 2000)) {
        unreachableByExactVat += 1;
      }
      const doc: InvoiceDocument = {
        ...invoice(),
        lines: [entry.line],
        totals,
        vatIncludedInPrices: true,
      };
      expect(() => assertInvoiceDocument(doc)).not.toThrow();
    }
    expect(unreachableByExactVat).toBeGreaterThan(0);
  });

  test("50.00 EUR at 20 % is 41.67 + 8.33", () => {
    const entry = inclusiveLine({ description: "Séance", vatRateBasisPoints: 2000 }, 5_000);
    expect(entry.line.totalExclMinor).toBe(4_167);
    expect(computeInclusiveTotals([entry])).toEqual({
      exclMinor: 4_167,
      vatByRate: [{ rateBasisPoints: 2000, baseMinor: 4_167, vatMinor: 833 }],
      inclMinor: 5_000,
    });
  });

  test("VAT off by more than one minor unit per line is still refused", () => {
    const entry = inclusiveLine({ description: "Séance", vatRateBasisPoints: 2000 }, 5_000);
    const totals = computeInclusiveTotals([entry]);
    const bad = {
      ...totals,
      vatByRate: [{ ...totals.vatByRate[0]!, vatMinor: 835 }],
      inclMinor: 5_002,
    };
    expect(() =>
      assertInvoiceDocument({
        ...invoice(),
        lines: [entry.line],
        totals: bad,
        vatIncludedInPrices: true,
      }),
    ).toThrow(/vatByRate/);
    // Without the flag the exact rule applies.
    expect(() =>
      assertInvoiceDocument({
        ...invoice(),
        lines: [entry.line],
        totals: {
          ...totals,
          inclMinor: 5_000,
          vatByRate: [{ ...totals.vatByRate[0]!, vatMinor: 834 }],
        },
      }),
    ).toThrow(/vatByRate/);
  });
});

test("a snapshot read back with its keys reordered (Postgres jsonb) is still valid", () => {
  const doc = sampleDocument("invoice", "fr");
  const reordered = {
    ...doc,
    totals: {
      inclMinor: doc.totals.inclMinor,
      vatByRate: doc.totals.vatByRate.map(({ vatMinor, baseMinor, rateBasisPoints }) => ({
        vatMinor,
        baseMinor,
        rateBasisPoints,
      })),
      exclMinor: doc.totals.exclMinor,
    },
  };
  expect(() => assertInvoiceDocument(reordered)).not.toThrow();
});
