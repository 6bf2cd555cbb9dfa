import { randomUUID } from "node:crypto";
import { afterAll, test } from "vitest";
import type { App } from "../../app/index.ts";
import { createSeededTestApp } from "../../testing/index.ts";
import { seedSales } from "../testing/revenue-seed.ts";
import { loadMonthlyRevenue } from "./revenue.ts";

// A busy mentor's revenue dashboard (12 months by month in their timezone) on a platform of
// BENCH_SCALE × 100 mentors, the busy one with BENCH_SCALE × 2,000 sales. Floor: the SQL
// that sums the same entries without grouping them (what any answer must at least read).
const scale = Number(process.env.BENCH_SCALE ?? 1);
let app: App | undefined;
afterAll(async () => {
  await app?.close();
});

test("mentor revenue dashboard: busy mentor vs summing its entries", async ({ bench }) => {
  // Seeded once per `pnpm bench` run and cloned in later rounds (decision 080); the dashboard
  // reads as of the seed's `now`, so every round reads the same months.
  const { app: seededApp, seeded } = await createSeededTestApp(
    `mentor revenue: ${scale * 100 - 1} mentors × 100 sales, one × ${scale * 2_000}`,
    seedRevenue,
  );
  app = seededApp;
  const prisma = app.prisma;
  const now = new Date(seeded.now);
  const busy = seeded.busy;
  const timeZone = "Europe/Paris";
  await bench.compare(
    bench("revenue by month for the dashboard", async () => {
      await loadMonthlyRevenue(prisma, busy, { now, timeZone });
    }),
    bench("floor: the same entries summed in SQL", async () => {
      await prisma.$queryRaw`
        SELECT e.currency, sum(e."amountMinor") AS total
        FROM ledger_account a
        JOIN ledger_entry e ON e."accountId" = a.id
        WHERE a.owner = ${busy}
          AND a.kind IN ('MENTOR_PENDING', 'MENTOR_AVAILABLE', 'MENTOR_RECEIVABLE', 'MENTOR_FROZEN')
        GROUP BY e.currency`;
    }),
  );
}, 900_000);

async function seedRevenue(app: App): Promise<{ busy: string; now: string }> {
  const now = new Date();
  const busy = randomUUID();
  const others = Array.from({ length: scale * 100 - 1 }, () => randomUUID());
  await seedSales(app, { mentorIds: others, salesPerMentor: 100, now });
  await seedSales(app, { mentorIds: [busy], salesPerMentor: scale * 2_000, now });
  // What autovacuum does to an insert-only table soon after a bulk load: sets the visibility
  // map, so index-only reads (the dashboard's and the floor's) need no heap visit.
  await app.prisma.$executeRawUnsafe(
    "VACUUM (ANALYZE) ledger_account, ledger_transaction, ledger_entry",
  );
  return { busy, now: now.toISOString() };
}
