import type { Prisma } from "@mentora/db";
import { toDecimalString } from "@mentora/payment-gateway";
import type { AppServices } from "../app/types.ts";
import type { LedgerAccountKind, LedgerTransactionKind } from "../ledger/index.ts";

/**
 * The FEC ("fichier des écritures comptables", LPF art. L47 A, BOI-CF-IOR-60-40-20): the
 * ledger of a fiscal year as the French tax administration reads it, one line per ledger entry,
 * 18 tab-separated columns, debits = credits per entry. Mapping of our ledger onto the French
 * chart of accounts and journals: decision 041.
 */
export const FEC_COLUMNS = [
  "JournalCode",
  "JournalLib",
  "EcritureNum",
  "EcritureDate",
  "CompteNum",
  "CompteLib",
  "CompAuxNum",
  "CompAuxLib",
  "PieceRef",
  "PieceDate",
  "EcritureLib",
  "Debit",
  "Credit",
  "EcritureLet",
  "DateLet",
  "ValidDate",
  "Montantdevise",
  "Idevise",
] as const;

/** The accounting currency of a French company's books. */
export const FEC_BOOK_CURRENCY = "EUR";

type Journal = { code: string; label: string };
const journals = {
  sales: { code: "VT", label: "Ventes" },
  bank: { code: "BQ", label: "Banque et passerelles de paiement" },
  misc: { code: "OD", label: "Opérations diverses" },
} satisfies Record<string, Journal>;

/** Money in or out through a gateway is the bank journal; a sale or its reversal, sales. */
const journalOf: Record<LedgerTransactionKind, Journal> = {
  PAYMENT: journals.sales,
  REFUND: journals.sales,
  TOP_UP: journals.bank,
  REFUND_PAID: journals.bank,
  PAYOUT: journals.bank,
  RESERVE: journals.misc,
  RELEASE: journals.misc,
  EARNINGS_RELEASE: journals.misc,
  ADJUSTMENT: journals.misc,
  PAYOUT_RESERVE: journals.misc,
  PAYOUT_RELEASE: journals.misc,
  DISPUTE_FREEZE: journals.misc,
  DISPUTE_UNFREEZE: journals.misc,
  DISPUTE_LOSS: journals.misc,
};

const entryLabel: Record<LedgerTransactionKind, string> = {
  PAYMENT: "Paiement de séance",
  REFUND: "Remboursement de séance",
  TOP_UP: "Rechargement de portefeuille",
  REFUND_PAID: "Remboursement versé",
  PAYOUT: "Versement au mentor",
  RESERVE: "Réservation sur portefeuille",
  RELEASE: "Libération de réservation",
  EARNINGS_RELEASE: "Gains du mentor disponibles",
  ADJUSTMENT: "Ajustement",
  PAYOUT_RESERVE: "Versement demandé",
  PAYOUT_RELEASE: "Versement annulé",
  DISPUTE_FREEZE: "Gel pour litige",
  DISPUTE_UNFREEZE: "Dégel après litige",
  DISPUTE_LOSS: "Litige perdu",
};

/** Plan comptable général accounts; people and gateways are auxiliary accounts under them. */
const accountOf: Record<LedgerAccountKind, { number: string; label: string }> = {
  GATEWAY_CLEARING: { number: "512100", label: "Passerelles de paiement" },
  USER_WALLET: { number: "419100", label: "Clients - avances reçues (portefeuille)" },
  USER_WALLET_RESERVED: { number: "419110", label: "Clients - avances réservées" },
  REFUNDS_PAYABLE: { number: "419700", label: "Clients - remboursements à verser" },
  MENTOR_PENDING: { number: "467100", label: "Mentors - gains en attente" },
  MENTOR_AVAILABLE: { number: "467200", label: "Mentors - gains disponibles" },
  MENTOR_PAYOUT_RESERVED: { number: "467300", label: "Mentors - versements demandés" },
  MENTOR_RECEIVABLE: { number: "467400", label: "Mentors - sommes dues" },
  MENTOR_FROZEN: { number: "467500", label: "Mentors - gains gelés (litige)" },
  PLATFORM_FEES: { number: "706000", label: "Prestations de services - commissions" },
};

const userAccountKinds = new Set<LedgerAccountKind>([
  "USER_WALLET",
  "USER_WALLET_RESERVED",
  "MENTOR_PENDING",
  "MENTOR_AVAILABLE",
  "MENTOR_PAYOUT_RESERVED",
  "MENTOR_RECEIVABLE",
  "MENTOR_FROZEN",
]);

/** AAAAMMJJ, in UTC like the invoices' dates. */
export function fecDate(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll("-", "");
}

/** "1234,56": comma decimals, no thousands separator. */
export function fecAmount(minor: bigint, currency: string): string {
  return toDecimalString({ amountMinor: Number(minor), currency }).replace(".", ",");
}

/** No tab or line break inside a field: they separate fields and records. */
function field(value: string): string {
  return value.replace(/[\t\r\n]+/g, " ").trim();
}

/**
 * The official name: SIREN, "FEC", the closing date of the fiscal year (AAAAMMJJ). A file for
 * another currency than the books' adds its code, as it is not the legal FEC (decision 041).
 */
export function fecFileName(siren: string, year: number, currency = FEC_BOOK_CURRENCY): string {
  const suffix = currency === FEC_BOOK_CURRENCY ? "" : `_${currency}`;
  return `${siren}FEC${year}1231${suffix}.txt`;
}

export interface FecRequest {
  year: number;
  currency?: string;
}

const PAGE = 200;

const withEntries = (currency: string) =>
  ({
    entries: {
      where: { currency },
      orderBy: { id: "asc" },
      include: { account: { select: { kind: true, owner: true } } },
    },
  }) satisfies Prisma.LedgerTransactionInclude;
type TransactionWithEntries = Prisma.LedgerTransactionGetPayload<{
  include: ReturnType<typeof withEntries>;
}>;

/**
 * The FEC lines of a fiscal year (calendar year, UTC): the header, then one line per ledger
 * entry in posting order, transactions a page at a time (constant memory). Entry numbers are
 * continuous per journal. Only entries in the requested currency (EUR by default) are written;
 * each ledger transaction balances per currency, so each written entry balances too.
 */
export async function* fecLines(
  services: Pick<AppServices, "prisma">,
  request: FecRequest,
): AsyncGenerator<string, void, undefined> {
  const { prisma } = services;
  const currency = request.currency ?? FEC_BOOK_CURRENCY;
  const foreign = currency !== FEC_BOOK_CURRENCY;
  const gte = new Date(Date.UTC(request.year, 0, 1));
  const lt = new Date(Date.UTC(request.year + 1, 0, 1));
  const numbers = new Map<string, number>();
  yield `${FEC_COLUMNS.join("\t")}\r\n`;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const cursor: { createdAt: Date; id: string } | null = after;
    const page: TransactionWithEntries[] = await prisma.ledgerTransaction.findMany({
      where: {
        createdAt: { gte, lt },
        entries: { some: { currency } },
        ...(cursor
          ? {
              OR: [
                { createdAt: { gt: cursor.createdAt } },
                { createdAt: cursor.createdAt, id: { gt: cursor.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PAGE,
      include: withEntries(currency),
    });
    const userIds = new Set<string>();
    const paymentIds = new Set<string>();
    for (const tx of page) {
      if (tx.paymentId) paymentIds.add(tx.paymentId);
      for (const entry of tx.entries) {
        if (userAccountKinds.has(entry.account.kind)) userIds.add(entry.account.owner);
      }
    }
    const [users, invoices] = await Promise.all([
      prisma.user.findMany({
        where: { id: { in: [...userIds] } },
        select: { id: true, name: true },
      }),
      prisma.invoice.findMany({
        where: { paymentId: { in: [...paymentIds] } },
        select: { paymentId: true, number: true, issuedAt: true },
      }),
    ]);
    const names = new Map(users.map((user) => [user.id, user.name]));
    const invoiceOf = new Map(invoices.map((invoice) => [invoice.paymentId, invoice]));

    for (const tx of page) {
      const journal = journalOf[tx.kind];
      const sequence = (numbers.get(journal.code) ?? 0) + 1;
      numbers.set(journal.code, sequence);
      const date = fecDate(tx.createdAt);
      // The sale's piece is its invoice; other movements are referenced by their ledger id.
      const invoice = tx.kind === "PAYMENT" && tx.paymentId ? invoiceOf.get(tx.paymentId) : null;
      for (const entry of tx.entries) {
        const account = accountOf[entry.account.kind];
        const isUser = userAccountKinds.has(entry.account.kind);
        const auxiliary = entry.account.kind === "PLATFORM_FEES" ? "" : entry.account.owner;
        const auxiliaryLabel = isUser
          ? (names.get(entry.account.owner) ?? entry.account.owner)
          : auxiliary;
        // Balances people hold are credits; a gateway's clearing goes negative as money comes in.
        const amount = entry.amountMinor;
        const debit = amount < 0n ? -amount : 0n;
        const credit = amount > 0n ? amount : 0n;
        const values: Record<(typeof FEC_COLUMNS)[number], string> = {
          JournalCode: journal.code,
          JournalLib: journal.label,
          EcritureNum: `${journal.code}${request.year}-${String(sequence).padStart(6, "0")}`,
          EcritureDate: date,
          CompteNum: account.number,
          CompteLib: account.label,
          CompAuxNum: auxiliary,
          CompAuxLib: auxiliaryLabel,
          PieceRef: invoice?.number ?? tx.id,
          PieceDate: invoice ? fecDate(invoice.issuedAt) : date,
          EcritureLib: entryLabel[tx.kind],
          Debit: fecAmount(debit, currency),
          Credit: fecAmount(credit, currency),
          EcritureLet: "",
          DateLet: "",
          ValidDate: date,
          Montantdevise: foreign ? fecAmount(amount < 0n ? -amount : amount, currency) : "",
          Idevise: foreign ? currency : "",
        };
        yield `${FEC_COLUMNS.map((column) => field(values[column])).join("\t")}\r\n`;
      }
    }
    const last: TransactionWithEntries | undefined = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
