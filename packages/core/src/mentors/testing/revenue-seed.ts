import { randomUUID } from "node:crypto";
import type { App } from "../../app/index.ts";

const DAY_MS = 86_400_000;

/**
 * Bulk-seeds sale postings (PAYMENT: gateway clearing → mentor pending + platform fees) spread
 * over the last ~13 months, straight in SQL: benches need thousands in seconds, which the
 * ledger's posting functions (one locked transaction each) cannot give.
 */
export async function seedSales(
  app: App,
  options: { mentorIds: readonly string[]; salesPerMentor: number; now: Date; currency?: string },
): Promise<void> {
  const currency = options.currency ?? "EUR";
  const run = randomUUID();
  await app.prisma.$executeRaw`
    INSERT INTO ledger_account (id, kind, owner, currency)
    VALUES (${`bench-gw-${run}`}, 'GATEWAY_CLEARING', ${`bench-${run}`}, ${currency})`;
  await app.prisma.$executeRaw`
    INSERT INTO ledger_account (id, kind, owner, currency)
    VALUES (gen_random_uuid()::text, 'PLATFORM_FEES', '', ${currency})
    ON CONFLICT DO NOTHING`;
  for (const mentorId of options.mentorIds) {
    await app.prisma.$executeRaw`
      INSERT INTO ledger_account (id, kind, owner, currency)
      VALUES (gen_random_uuid()::text, 'MENTOR_PENDING', ${mentorId}, ${currency})
      ON CONFLICT DO NOTHING`;
  }
  const since = new Date(options.now.getTime() - 395 * DAY_MS);
  const spanSeconds = Math.floor((options.now.getTime() - since.getTime()) / 1000);
  // In chunks of about 5,000 sales: one statement stays well inside the statement timeout.
  const perChunk = Math.max(1, Math.floor(5_000 / options.salesPerMentor));
  for (let start = 0; start < options.mentorIds.length; start += perChunk) {
    const mentorIds = options.mentorIds.slice(start, start + perChunk);
    for (let done = 0; done < options.salesPerMentor; done += 5_000) {
      const count = Math.min(5_000, options.salesPerMentor - done);
      await insertSales(app, {
        run,
        currency,
        mentorIds,
        from: done + 1,
        to: done + count,
        since,
        spanSeconds,
      });
    }
  }
  await app.prisma.$executeRawUnsafe("ANALYZE ledger_account, ledger_transaction, ledger_entry");
}

async function insertSales(
  app: App,
  options: {
    run: string;
    currency: string;
    mentorIds: readonly string[];
    from: number;
    to: number;
    since: Date;
    spanSeconds: number;
  },
): Promise<void> {
  const { run, currency, since, spanSeconds } = options;
  await app.prisma.$executeRaw`
    WITH mentor AS (
      SELECT a.id AS account, a.owner
      FROM ledger_account a
      WHERE a.kind = 'MENTOR_PENDING' AND a.currency = ${currency}
        AND a.owner = ANY(${options.mentorIds as string[]})
    ), tx AS (
      INSERT INTO ledger_transaction (id, kind, "idempotencyKey", "createdAt")
      SELECT ${run} || ':' || m.account || ':' || g, 'PAYMENT', 'bench:' || ${run} || ':' || m.account || ':' || g,
        ${since}::timestamp + (random() * ${spanSeconds}) * interval '1 second'
      FROM mentor m CROSS JOIN generate_series(${options.from}::int, ${options.to}::int) g
      RETURNING id
    )
    INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor")
    SELECT gen_random_uuid()::text, tx.id, part.account, ${currency}, part.amount
    FROM tx
    CROSS JOIN LATERAL (
      VALUES
        (${`bench-gw-${run}`}, -5000::bigint),
        (split_part(tx.id, ':', 2), 4250::bigint),
        ((SELECT id FROM ledger_account WHERE kind = 'PLATFORM_FEES' AND currency = ${currency}), 750::bigint)
    ) AS part(account, amount)`;
}
