// The package's own small dictionary: the PDF is rendered server-side from a stored snapshot, so
// its words live next to the layout rather than in the app's i18n catalogue.
import type { DocumentKind, DocumentLocale, PaymentStatus } from "./document.ts";

export type Labels = {
  title: Record<DocumentKind, string>;
  number: string;
  issuedAt: string;
  serviceDate: string;
  servicePeriod: string;
  from: string;
  billedTo: string;
  paidTo: string;
  vatNumber: string;
  orderNumber: string;
  email: string;
  shareCapital: string;
  originalInvoice: (number: string) => string;
  bookingRef: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  vatRate: string;
  lineTotal: string;
  vatSummary: string;
  vatBase: string;
  vatAmount: string;
  totalExcl: string;
  totalVat: string;
  totalIncl: string;
  totalCredited: string;
  totalExempt: string;
  grossEarnings: string;
  feeDeducted: string;
  netPaid: string;
  transferReference: string;
  payment: string;
  paymentStatus: Record<PaymentStatus, string>;
  paymentMethod: string;
  paidAt: string;
  paymentReference: string;
  currency: string;
  paymentTerms: string;
  dueDate: string;
  earlyPaymentDiscount: string;
  none: string;
  latePaymentPenalty: string;
  defaultLatePenalty: string;
  recoveryFee: (amount: string) => string;
  legalMentions: string;
  siren: string;
  siret: string;
  page: (page: number, total: number) => string;
};

export const LABELS: Record<DocumentLocale, Labels> = {
  en: {
    title: { invoice: "Invoice", credit_note: "Credit note", payout_statement: "Payout statement" },
    number: "No.",
    issuedAt: "Issue date",
    serviceDate: "Date of service",
    servicePeriod: "Period",
    from: "From",
    billedTo: "Billed to",
    paidTo: "Paid to",
    vatNumber: "VAT number",
    orderNumber: "Your order number",
    email: "Email",
    shareCapital: "share capital",
    originalInvoice: (number) => `Credit note for invoice no. ${number}`,
    bookingRef: "Booking",
    description: "Description",
    quantity: "Qty",
    unitPrice: "Unit price excl. VAT",
    discount: "Discount",
    vatRate: "VAT",
    lineTotal: "Total excl. VAT",
    vatSummary: "VAT summary",
    vatBase: "Base",
    vatAmount: "VAT amount",
    totalExcl: "Total excl. VAT",
    totalVat: "Total VAT",
    totalIncl: "Total incl. VAT",
    totalCredited: "Total credited incl. VAT",
    totalExempt: "Total due",
    grossEarnings: "Gross earnings",
    feeDeducted: "Platform fee deducted",
    netPaid: "Net paid",
    transferReference: "Transfer reference",
    payment: "Payment",
    paymentStatus: {
      paid: "Paid",
      unpaid: "Unpaid",
      pending: "Pending",
      refunded: "Refunded",
      partially_refunded: "Partially refunded",
    },
    paymentMethod: "Method",
    paidAt: "Paid on",
    paymentReference: "Reference",
    currency: "Currency",
    paymentTerms: "Payment terms",
    dueDate: "Due date",
    earlyPaymentDiscount: "Early payment discount",
    none: "none",
    latePaymentPenalty: "Late payment penalty",
    defaultLatePenalty: "three times the French legal interest rate",
    recoveryFee: (amount) =>
      `Fixed compensation for recovery costs in case of late payment: ${amount}`,
    legalMentions: "Legal information",
    siren: "SIREN",
    siret: "SIRET",
    page: (page, total) => `Page ${page} / ${total}`,
  },
  fr: {
    title: { invoice: "Facture", credit_note: "Avoir", payout_statement: "Relevé de versement" },
    number: "N°",
    issuedAt: "Date d’émission",
    serviceDate: "Date de la prestation",
    servicePeriod: "Période",
    from: "Émetteur",
    billedTo: "Facturé à",
    paidTo: "Versé à",
    vatNumber: "N° TVA intracommunautaire",
    orderNumber: "Votre n° de commande",
    email: "E-mail",
    shareCapital: "au capital de",
    originalInvoice: (number) => `Avoir sur la facture n° ${number}`,
    bookingRef: "Réservation",
    description: "Désignation",
    quantity: "Qté",
    unitPrice: "Prix unitaire HT",
    discount: "Remise",
    vatRate: "TVA",
    lineTotal: "Total HT",
    vatSummary: "Récapitulatif TVA",
    vatBase: "Base HT",
    vatAmount: "Montant TVA",
    totalExcl: "Total HT",
    totalVat: "Total TVA",
    totalIncl: "Total TTC",
    totalCredited: "Total TTC crédité",
    totalExempt: "Net à payer",
    grossEarnings: "Gains bruts",
    feeDeducted: "Commission de la plateforme déduite",
    netPaid: "Net versé",
    transferReference: "Référence du virement",
    payment: "Règlement",
    paymentStatus: {
      paid: "Payée",
      unpaid: "Non payée",
      pending: "En attente",
      refunded: "Remboursée",
      partially_refunded: "Partiellement remboursée",
    },
    paymentMethod: "Moyen de paiement",
    paidAt: "Payée le",
    paymentReference: "Référence",
    currency: "Devise",
    paymentTerms: "Conditions de règlement",
    dueDate: "Date d’échéance",
    earlyPaymentDiscount: "Escompte pour paiement anticipé",
    none: "néant",
    latePaymentPenalty: "Pénalités de retard",
    defaultLatePenalty: "trois fois le taux d’intérêt légal",
    recoveryFee: (amount) =>
      `Indemnité forfaitaire pour frais de recouvrement en cas de retard : ${amount}`,
    legalMentions: "Mentions légales",
    siren: "SIREN",
    siret: "SIRET",
    page: (page, total) => `Page ${page} / ${total}`,
  },
};
