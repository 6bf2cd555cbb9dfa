import type { Prisma } from "@mentora/db";

type Tx = Prisma.TransactionClient;

export type InvoiceKindName = "INVOICE" | "CREDIT_NOTE" | "PAYOUT_STATEMENT";

/** One series per kind: F (facture), A (avoir), R (relevé de versement). */
export const seriesOf: Record<InvoiceKindName, string> = {
  INVOICE: "F",
  CREDIT_NOTE: "A",
  PAYOUT_STATEMENT: "R",
};

export interface AllocatedNumber {
  series: string;
  year: number;
  sequence: number;
  number: string;
  /** Read from the database clock after the counter's row lock: numbers follow issue times. */
  issuedAt: Date;
}

export function formatInvoiceNumber(series: string, year: number, sequence: number): string {
  return `${series}-${year}-${String(sequence).padStart(6, "0")}`;
}

/**
 * The next number of the kind's series for the current (UTC) year. One statement increments the
 * counter row and keeps it locked until the caller's transaction ends, so concurrent issues wait
 * in line (chronological, no duplicate) and a rolled-back issue gives its number back (no gap).
 * Must run in the transaction that inserts the document.
 */
export async function allocateNumber(tx: Tx, kind: InvoiceKindName): Promise<AllocatedNumber> {
  const [allocated] = await allocateNumbers(tx, kind, 1);
  if (!allocated) throw new Error(`no number allocated for ${kind}`);
  return allocated;
}

/**
 * The next `count` numbers of the series at once, in order, under the same lock and in the same
 * statement as allocateNumber (the group-committed issue, decision 073): consecutive, one issue
 * time for all of them.
 */
export async function allocateNumbers(
  tx: Tx,
  kind: InvoiceKindName,
  count: number,
): Promise<AllocatedNumber[]> {
  if (count < 1) return [];
  const series = seriesOf[kind];
  const [row] = await tx.$queryRaw<{ year: number; last: number; now: Date }[]>`
    INSERT INTO invoice_counter (series, year, last)
    VALUES (${series}, EXTRACT(YEAR FROM (clock_timestamp() AT TIME ZONE 'UTC'))::int, ${count}::int)
    ON CONFLICT (series, year) DO UPDATE SET last = invoice_counter.last + ${count}::int
    RETURNING year, last, clock_timestamp() AS now`;
  if (!row) throw new Error(`no counter row for series ${series}`);
  return Array.from({ length: count }, (_, n) => {
    const sequence = row.last - count + 1 + n;
    return {
      series,
      year: row.year,
      sequence,
      number: formatInvoiceNumber(series, row.year, sequence),
      issuedAt: row.now,
    };
  });
}
