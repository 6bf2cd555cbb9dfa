import { randomUUID } from "node:crypto";
import type { App } from "../../app/index.ts";

/**
 * Bulk-seeds `payments` succeeded top-ups spread over a year among `users` users (named
 * "Payer <n>"), straight in SQL in chunks: admin list benches need tens of thousands of rows.
 */
export async function seedPayments(
  app: App,
  options: { users: number; payments: number },
): Promise<{ run: string }> {
  const run = randomUUID().slice(0, 8);
  await app.prisma.$executeRaw`
    INSERT INTO "user" (id, name, email, "emailVerified", "updatedAt")
    SELECT ${run} || '-' || g, 'Payer ' || ${run} || ' ' || g, 'payer-' || ${run} || '-' || g || '@bench.test',
      true, now()
    FROM generate_series(1, ${options.users}::int) g`;
  for (let first = 1; first <= options.payments; first += 20_000) {
    const last = Math.min(options.payments, first + 19_999);
    await app.prisma.$executeRaw`
      INSERT INTO payment (id, "userId", purpose, currency, "amountMinor", "walletAmountMinor",
        "gatewayAmountMinor", provider, "providerPaymentId", status, "expiresAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${run} || '-' || (1 + g % ${options.users}::int), 'TOP_UP', 'EUR',
        1000 + g % 9000, 0, 1000 + g % 9000, 'sandbox', 'bench-' || ${run} || '-' || g, 'SUCCEEDED',
        now(), now() - (g % 525600) * interval '1 minute', now()
      FROM generate_series(${first}::int, ${last}::int) g`;
  }
  await app.prisma.$executeRawUnsafe('ANALYZE "user", payment');
  return { run };
}
