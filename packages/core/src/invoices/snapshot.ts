import {
  assertInvoiceDocument,
  type Buyer,
  computeInclusiveTotals,
  computeTotals,
  type DocumentLocale,
  type InvoiceDocument,
  type InvoiceLine,
  inclusiveLine,
} from "@mentora/invoice-pdf/document";
import { exponentOf } from "@mentora/payment-gateway";
import type { Config } from "../config/index.ts";

/** The document's own words (invoice-pdf prints its labels; these are our data). */
const words = {
  en: {
    session: (title: string, minutes: number, mentor: string) =>
      `Mentoring session “${title}” (${minutes} min) with ${mentor}`,
    refund: (description: string) => `Refund: ${description}`,
    noAddress: "Address not provided",
    wallet: "Mentora wallet",
    online: (provider: string) => `Online payment (${provider})`,
    toWallet: "Refund to the Mentora wallet",
    toOriginal: "Refund to the original payment method",
    earnings: "Session earnings paid out",
    payoutMethods: {
      STRIPE_CONNECT: "Stripe Connect transfer",
      PAYPAL: "PayPal payout",
      BANK_TRANSFER: "Bank transfer",
      SANDBOX: "Sandbox (test, no money moved)",
    } as Record<string, string>,
  },
  fr: {
    session: (title: string, minutes: number, mentor: string) =>
      `Séance de mentorat « ${title} » (${minutes} min) avec ${mentor}`,
    refund: (description: string) => `Remboursement : ${description}`,
    noAddress: "Adresse non communiquée",
    wallet: "Portefeuille Mentora",
    online: (provider: string) => `Paiement en ligne (${provider})`,
    toWallet: "Remboursement sur le portefeuille Mentora",
    toOriginal: "Remboursement sur le moyen de paiement d’origine",
    earnings: "Gains des séances versés",
    payoutMethods: {
      STRIPE_CONNECT: "Virement Stripe Connect",
      PAYPAL: "Versement PayPal",
      BANK_TRANSFER: "Virement bancaire",
      SANDBOX: "Sandbox (test, aucun argent versé)",
    } as Record<string, string>,
  },
} satisfies Record<DocumentLocale, unknown>;

export type InvoiceSettings = Config["invoices"];

export interface PartyInput {
  name: string;
  email: string;
  locale: string | null;
  billing: {
    name: string | null;
    addressLines: string[];
    country: string | null;
    vatNumber: string | null;
    isBusiness: boolean;
    /** Absent on rows read before e-invoicing (issue #17). */
    siren?: string | null;
    siret?: string | null;
  } | null;
}

export function documentLocale(settings: InvoiceSettings, locale: string | null): DocumentLocale {
  return locale === "en" || locale === "fr" ? locale : settings.locale;
}

/** The buyer as printed: billing details when given, else the profile's name and email. */
export function buyerSnapshot(party: PartyInput, locale: DocumentLocale): Buyer {
  const billing = party.billing;
  const address = [...(billing?.addressLines ?? []), ...(billing?.country ? [billing.country] : [])]
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    name: billing?.name?.trim() || party.name,
    // A billing address is a mandatory mention: say plainly when the buyer gave none.
    addressLines: address.length > 0 ? address : [words[locale].noAddress],
    email: party.email,
    ...(billing?.vatNumber ? { vatNumber: billing.vatNumber } : {}),
    // A business buyer needs a VAT number above 150 EUR: without one (details saved before the
    // form required it), issue as a consumer invoice rather than never issue it.
    ...(billing?.isBusiness && billing.vatNumber ? { isBusiness: true } : {}),
    // Legal registration of a business buyer (Factur-X BT-47).
    ...(billing?.isBusiness && billing.siren ? { siren: billing.siren } : {}),
    ...(billing?.isBusiness && billing.siret ? { siret: billing.siret } : {}),
  };
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

function vatFields(settings: InvoiceSettings) {
  return settings.vatExemptionMention ? { vatExemptionMention: settings.vatExemptionMention } : {};
}

/** Lines priced VAT-inclusive (what the payer paid), with totals that add up to it. */
function inclusiveDocumentLines(
  entries: {
    line: Omit<InvoiceLine, "unitPriceMinor" | "totalExclMinor" | "quantity">;
    inclusiveMinor: number;
  }[],
  exempt: boolean,
) {
  const built = entries.map((entry) =>
    inclusiveLine(
      { ...entry.line, vatRateBasisPoints: exempt ? 0 : entry.line.vatRateBasisPoints },
      entry.inclusiveMinor,
    ),
  );
  const lines = built.map((entry) => entry.line);
  if (exempt) return { lines, totals: computeTotals(lines, { vatExempt: true }), inclusive: false };
  const totals = computeInclusiveTotals(built);
  const exact = computeTotals(lines);
  // Flag only when the exact rule cannot give the price paid (one amount in six at 20 %).
  const inclusive = JSON.stringify(exact) !== JSON.stringify(totals);
  return { lines, totals, inclusive };
}

export interface InvoiceInput {
  number: string;
  issuedAt: Date;
  buyer: PartyInput;
  booking: {
    id: string;
    offeringTitle: string;
    durationMinutes: number;
    startsAt: Date;
    mentorName: string;
  };
  payment: {
    id: string;
    currency: string;
    amountMinor: number;
    walletAmountMinor: number;
    gatewayAmountMinor: number;
    provider: string | null;
    providerPaymentId: string | null;
    paidAt: Date;
    /** The buyer's reference (purchase order) given at checkout. */
    buyerReference?: string | null;
  };
}

function paymentMethod(locale: DocumentLocale, payment: InvoiceInput["payment"]): string {
  const parts: string[] = [];
  if (payment.walletAmountMinor > 0) parts.push(words[locale].wallet);
  if (payment.gatewayAmountMinor > 0) parts.push(words[locale].online(payment.provider ?? "?"));
  return parts.join(" + ");
}

/** The invoice of a booking payment: one line, the session, for the full amount paid. */
export function invoiceDocument(settings: InvoiceSettings, input: InvoiceInput): InvoiceDocument {
  const locale = documentLocale(settings, input.buyer.locale);
  const exempt = Boolean(settings.vatExemptionMention);
  const sessionDate = input.booking.startsAt.toISOString();
  const { lines, totals, inclusive } = inclusiveDocumentLines(
    [
      {
        line: {
          description: words[locale].session(
            input.booking.offeringTitle,
            input.booking.durationMinutes,
            input.booking.mentorName,
          ),
          date: sessionDate,
          vatRateBasisPoints: settings.vatRateBasisPoints,
        },
        inclusiveMinor: input.payment.amountMinor,
      },
    ],
    exempt,
  );
  const doc: InvoiceDocument = {
    kind: "invoice",
    number: input.number,
    issuedAt: input.issuedAt.toISOString(),
    serviceDate: isoDate(input.booking.startsAt),
    locale,
    seller: sellerSnapshot(settings),
    buyer: {
      ...buyerSnapshot(input.buyer, locale),
      ...(input.payment.buyerReference ? { orderNumber: input.payment.buyerReference } : {}),
    },
    lines,
    currency: input.payment.currency,
    currencyExponent: exponentOf(input.payment.currency),
    totals,
    ...vatFields(settings),
    ...(inclusive ? { vatIncludedInPrices: true } : {}),
    payment: {
      status: "paid",
      method: paymentMethod(locale, input.payment),
      paidAt: input.payment.paidAt.toISOString(),
      ...(input.payment.providerPaymentId ? { reference: input.payment.providerPaymentId } : {}),
    },
    paymentTerms: { dueDate: isoDate(input.payment.paidAt) },
    references: { bookingId: input.booking.id, sessionDate: isoDate(input.booking.startsAt) },
  };
  assertInvoiceDocument(doc);
  return doc;
}

export interface CreditNoteInput {
  number: string;
  issuedAt: Date;
  original: InvoiceDocument;
  refund: { id: string; amountMinor: number; destination: "ORIGINAL" | "WALLET"; createdAt: Date };
}

/**
 * A credit note for a refund: built from the original invoice's snapshot (same seller, buyer,
 * VAT rate and currency as the invoice it corrects), for the refunded amount, positive, as
 * invoice-pdf prints credit notes ("Total credited").
 */
export function creditNoteDocument(input: CreditNoteInput): InvoiceDocument {
  const { original } = input;
  const locale = original.locale;
  const first = original.lines[0];
  if (!first) throw new Error(`invoice ${original.number} has no line`);
  const exempt = original.vatExemptionMention !== undefined;
  const { lines, totals, inclusive } = inclusiveDocumentLines(
    [
      {
        line: {
          description: words[locale].refund(first.description),
          ...(first.date ? { date: first.date } : {}),
          vatRateBasisPoints: first.vatRateBasisPoints,
        },
        inclusiveMinor: input.refund.amountMinor,
      },
    ],
    exempt,
  );
  const doc: InvoiceDocument = {
    kind: "credit_note",
    number: input.number,
    issuedAt: input.issuedAt.toISOString(),
    ...(original.serviceDate ? { serviceDate: original.serviceDate } : {}),
    locale,
    seller: original.seller,
    buyer: original.buyer,
    lines,
    currency: original.currency,
    currencyExponent: original.currencyExponent,
    totals,
    ...(exempt ? { vatExemptionMention: original.vatExemptionMention } : {}),
    ...(inclusive ? { vatIncludedInPrices: true } : {}),
    payment: {
      status: "refunded",
      method:
        input.refund.destination === "WALLET" ? words[locale].toWallet : words[locale].toOriginal,
      paidAt: input.refund.createdAt.toISOString(),
    },
    paymentTerms: { dueDate: isoDate(input.refund.createdAt) },
    references: {
      ...original.references,
      originalInvoiceNumber: original.number,
      originalInvoiceDate: original.issuedAt,
    },
  };
  assertInvoiceDocument(doc);
  return doc;
}

export interface PayoutStatementInput {
  payoutId: string;
  mentorId: string;
  currency: string;
  /** What was transferred to the mentor (net of the fee). */
  amountMinor: number;
  /** Deducted from the earnings before the transfer. */
  feeMinor: number;
  /** The payout method's kind (STRIPE_CONNECT, PAYPAL, BANK_TRANSFER, SANDBOX) or a label. */
  method: string;
  reference: string;
  paidAt: Date;
  periodStart?: Date;
  periodEnd?: Date;
}

/** A payout statement (platform → mentor): gross earnings, the fee deducted, the net paid. */
export function payoutStatementDocument(
  settings: InvoiceSettings,
  input: PayoutStatementInput & { number: string; issuedAt: Date; mentor: PartyInput },
): InvoiceDocument {
  const locale = documentLocale(settings, input.mentor.locale);
  const gross = input.amountMinor + input.feeMinor;
  const lines: InvoiceLine[] = [
    {
      description: words[locale].earnings,
      quantity: 1,
      unitPriceMinor: gross,
      vatRateBasisPoints: 0,
      totalExclMinor: gross,
    },
  ];
  const totals = computeTotals(lines);
  const buyer = buyerSnapshot(input.mentor, locale);
  const doc: InvoiceDocument = {
    kind: "payout_statement",
    number: input.number,
    issuedAt: input.issuedAt.toISOString(),
    locale,
    seller: sellerSnapshot(settings),
    buyer,
    lines,
    currency: input.currency,
    currencyExponent: exponentOf(input.currency),
    totals,
    payment: {
      status: "paid",
      method: words[locale].payoutMethods[input.method] ?? input.method,
      reference: input.reference,
      paidAt: input.paidAt.toISOString(),
    },
    payout: {
      ...(input.periodStart ? { periodStart: isoDate(input.periodStart) } : {}),
      ...(input.periodEnd ? { periodEnd: isoDate(input.periodEnd) } : {}),
      feeMinor: input.feeMinor,
      netMinor: totals.inclMinor - input.feeMinor,
      reference: input.reference,
    },
  };
  assertInvoiceDocument(doc);
  return doc;
}

/** The configured seller, without the fields left unset (JSON has no undefined). */
export function sellerSnapshot(settings: InvoiceSettings): InvoiceDocument["seller"] {
  return JSON.parse(JSON.stringify(settings.seller)) as InvoiceDocument["seller"];
}

/**
 * What an invoice for a session at this VAT-inclusive price would say: base, VAT and total (the
 * same rule as invoiceDocument, so the booking page and the invoice never disagree).
 */
export function priceBreakdown(
  settings: InvoiceSettings,
  inclusiveMinor: number,
): {
  exclMinor: number;
  vatMinor: number;
  inclMinor: number;
  rateBasisPoints: number;
  exempt: boolean;
} {
  const exempt = Boolean(settings.vatExemptionMention);
  const { totals } = inclusiveDocumentLines(
    [
      {
        line: {
          description: "session",
          date: new Date(0).toISOString(),
          vatRateBasisPoints: settings.vatRateBasisPoints,
        },
        inclusiveMinor,
      },
    ],
    exempt,
  );
  const vatMinor = totals.vatByRate.reduce((sum, entry) => sum + entry.vatMinor, 0);
  return {
    exclMinor: totals.exclMinor,
    vatMinor,
    inclMinor: totals.inclMinor,
    rateBasisPoints: exempt ? 0 : settings.vatRateBasisPoints,
    exempt,
  };
}
