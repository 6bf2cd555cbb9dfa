// Sample documents for the tests and the bench: one per kind and locale, with accents in the
// data, a B2B buyer, several VAT rates and a discount.
import {
  computeTotals,
  type DocumentKind,
  type DocumentLocale,
  type InvoiceDocument,
  type InvoiceLine,
  lineTotalExclMinor,
} from "../document.ts";

export const SELLER: InvoiceDocument["seller"] = {
  legalName: "Mentora SAS",
  legalForm: "SAS",
  shareCapital: "10 000 €",
  addressLines: ["12 rue de l’Église", "75011 Paris", "France"],
  siren: "912 345 678",
  siret: "912 345 678 00017",
  rcs: "RCS Paris 912 345 678",
  vatNumber: "FR32912345678",
  email: "facturation@mentora.example",
};

export const BUYER: InvoiceDocument["buyer"] = {
  name: "Société Générale de Conseil – Bœuf & Çà",
  addressLines: ["3 place de la Comédie", "69001 Lyon", "France"],
  email: "compta@sgc.example",
  vatNumber: "FR83404833048",
  isBusiness: true,
  orderNumber: "PO-7781",
};

export function line(
  description: string,
  quantity: number,
  unitPriceMinor: number,
  vatRateBasisPoints: number,
  discountMinor?: number,
): InvoiceLine {
  const base = { description, quantity, unitPriceMinor, vatRateBasisPoints };
  const withDiscount = discountMinor === undefined ? base : { ...base, discountMinor };
  return { ...withDiscount, totalExclMinor: lineTotalExclMinor(withDiscount) };
}

function saleLines(locale: DocumentLocale): InvoiceLine[] {
  return locale === "fr"
    ? [
        line("Séance de mentorat – stratégie produit (cœur de métier)", 2, 8_000, 2000, 1_000),
        line("Revue de CV détaillée, à l’écoute du marché", 1, 4_550, 2000),
        line("Livre « Œuvres complètes » envoyé après la séance", 1, 1_999, 550),
      ]
    : [
        line("Mentoring session – product strategy (café chat)", 2, 8_000, 2000, 1_000),
        line("Detailed résumé review", 1, 4_550, 2000),
        line("Book “Œuvres complètes” shipped after the session", 1, 1_999, 550),
      ];
}

export function sampleDocument(kind: DocumentKind, locale: DocumentLocale): InvoiceDocument {
  if (kind === "payout_statement") {
    const lines: InvoiceLine[] = [
      {
        ...line(locale === "fr" ? "Séance – Élodie Ça" : "Session – Élodie Ça", 1, 6_000, 0),
        date: "2026-03-02",
      },
      {
        ...line(locale === "fr" ? "Séance – Jérôme Œuf" : "Session – Jérôme Œuf", 3, 6_000, 0),
        date: "2026-03-09",
      },
    ];
    const totals = computeTotals(lines);
    const feeMinor = 4_800;
    return {
      kind,
      number: "R-2026-000001",
      issuedAt: "2026-04-01",
      locale,
      seller: SELLER,
      buyer: {
        name: "Hélène Dupré-Ç",
        addressLines: ["8 allée des Cèdres", "33000 Bordeaux"],
        email: "helene@example.com",
      },
      lines,
      currency: "EUR",
      currencyExponent: 2,
      totals,
      payment: {
        status: "paid",
        method: locale === "fr" ? "Virement SEPA" : "SEPA transfer",
        paidAt: "2026-04-02",
      },
      payout: {
        periodStart: "2026-03-01",
        periodEnd: "2026-03-31",
        feeMinor,
        netMinor: totals.inclMinor - feeMinor,
        reference: "PO-TRX-5521",
      },
    };
  }
  const lines = saleLines(locale);
  const base = {
    issuedAt: "2026-03-20T10:15:00Z",
    serviceDate: "2026-03-18",
    locale,
    seller: SELLER,
    buyer: BUYER,
    lines,
    currency: "EUR",
    currencyExponent: 2,
    totals: computeTotals(lines),
    paymentTerms: { dueDate: "2026-03-20" },
    references: { bookingId: "bk_9f3a2c", sessionDate: "2026-03-18" },
  };
  if (kind === "credit_note") {
    return {
      ...base,
      kind,
      number: "A-2026-000004",
      issuedAt: "2026-03-25",
      payment: {
        status: "refunded",
        method: locale === "fr" ? "Carte bancaire" : "Card",
        paidAt: "2026-03-25",
      },
      references: {
        ...base.references,
        originalInvoiceNumber: "F-2026-000123",
        originalInvoiceDate: "2026-03-20",
      },
    };
  }
  return {
    ...base,
    kind,
    number: "F-2026-000123",
    payment: {
      status: "paid",
      method: locale === "fr" ? "Carte bancaire (Visa •••• 4242)" : "Card (Visa •••• 4242)",
      paidAt: "2026-03-20",
      reference: "pi_3Nx",
    },
  };
}

/** A Tunisian dinar invoice (3 decimals) with a four-digit amount. */
export function tndDocument(locale: DocumentLocale): InvoiceDocument {
  const lines = [
    line(
      locale === "fr" ? "Séance de mentorat – dinar" : "Mentoring session – dinar",
      1,
      1_234_567,
      1900,
    ),
  ];
  return {
    ...sampleDocument("invoice", locale),
    number: "F-2026-000124",
    buyer: { name: "Ahmed Ben Salah", addressLines: ["Avenue Habib Bourguiba", "1000 Tunis"] },
    currency: "TND",
    currencyExponent: 3,
    lines,
    totals: computeTotals(lines),
  };
}

/** A VAT-exempt micro-entrepreneur mentor invoicing an individual (art. 293 B du CGI). */
export function exemptDocument(locale: DocumentLocale): InvoiceDocument {
  const lines = [
    line(
      locale === "fr"
        ? "Séance de mentorat – préparation d’entretien"
        : "Mentoring session – interview prep",
      1,
      7_000,
      0,
    ),
  ];
  const { vatNumber: _vat, rcs: _rcs, shareCapital: _capital, ...seller } = SELLER;
  return {
    ...sampleDocument("invoice", locale),
    number: "F-2026-000125",
    seller: { ...seller, legalName: "Élise Mercier", legalForm: "EI" },
    buyer: { name: "Théo Garçon", addressLines: ["5 rue Pasteur", "59000 Lille"] },
    vatExemptionMention: "TVA non applicable, art. 293 B du CGI",
    lines,
    totals: computeTotals(lines, { vatExempt: true }),
  };
}
