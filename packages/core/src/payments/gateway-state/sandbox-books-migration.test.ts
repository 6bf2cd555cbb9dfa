import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTestDatabase } from "@mentora/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { loadGatewayRegistry } from "../registry/index.ts";
import { createPgKeyValueStore } from "./pg-key-value-store.ts";

const migrationsDir = path.resolve(import.meta.dirname, "../../../../../prisma/migrations");
const migrations = readdirSync(migrationsDir)
  .filter((name) => /^\d+_/.test(name))
  .sort();
const gatewayStateMigration = migrations.find((name) => name.endsWith("_gateway_state"));
const sqlOf = (name: string) =>
  readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
afterAll(async () => {
  await database?.prisma.$disconnect();
  await database?.pool.end();
});

describe("the gateway_state migration keeps the sandbox's books", () => {
  it("moves sandbox_payment / sandbox_payout rows where the sandbox adapter reads them", async () => {
    database = await createTestDatabase({ migrated: false });
    const { pool, prisma } = database;
    if (!gatewayStateMigration) throw new Error("no *_gateway_state migration");
    for (const name of migrations.slice(0, migrations.indexOf(gatewayStateMigration))) {
      await pool.query(sqlOf(name));
    }
    // Books as the former tables held them: a paid payment with a refund, and a payout.
    await pool.query(`
      INSERT INTO sandbox_payment (id, "paymentId", "idempotencyKey", "amountMinor", currency,
        description, status, refunds, "expiresAt", "successUrl", "cancelUrl", "webhookUrl",
        "createdAt", version)
      VALUES ('sbx_pay_old', 'pay_old', 'payment:pay_old', 5000, 'EUR', 'Session', 'succeeded',
        '[{"id":"sbx_re_old","refundId":"ref_old","idempotencyKey":"refund:ref_old","amountMinor":2000,"createdAt":"2026-12-01T10:05:00.000Z"}]',
        '2026-12-01T10:30:00.123', 'http://localhost:3000/ok', 'http://localhost:3000/ko',
        'http://localhost:3000/api/webhooks/sandbox', '2026-12-01T10:00:00', 3);
      INSERT INTO sandbox_payout (id, "payoutId", "idempotencyKey", "amountMinor", currency,
        destination, status, "failureReason", "webhookUrl", "createdAt")
      VALUES ('sbx_po_old', 'po_old', 'payout:po_old', 4000, 'EUR',
        '{"kind":"sandbox","account":"acct-old"}', 'paid', NULL,
        'http://localhost:3000/api/webhooks/sandbox', '2026-12-02T09:00:00');`);
    await pool.query(sqlOf(gatewayStateMigration));

    // The sandbox, loaded through the registry like any adapter, on the migrated state.
    const registry = await loadGatewayRegistry({
      packages: ["@mentora/gateway-sandbox"],
      env: { PUBLIC_URL: "http://localhost:3000" },
      timeoutMs: 5_000,
      routing: [{ currency: "*", gatewayId: "sandbox" }],
      runtime: {
        stateFor: (gatewayId) => createPgKeyValueStore(prisma, gatewayId),
        logger: { info() {}, warn() {}, error() {} },
        deliverWebhook: async () => {},
      },
      production: false,
      importPackage: (name) => import(name),
    });
    const sandbox = registry.get("sandbox");
    expect(await sandbox.getPayment("sbx_pay_old")).toEqual({
      providerPaymentId: "sbx_pay_old",
      status: "partially_refunded",
      amount: { amountMinor: 5000, currency: "EUR" },
      amountRefunded: { amountMinor: 2000, currency: "EUR" },
      paymentId: "pay_old",
    });
    // The same key finds the same checkout (no second one), with its old expiry.
    const again = await sandbox.createCheckout({
      paymentId: "pay_old",
      idempotencyKey: "payment:pay_old",
      amount: { amountMinor: 5000, currency: "EUR" },
      description: "Session",
      successUrl: "http://localhost:3000/ok",
      cancelUrl: "http://localhost:3000/ko",
      expiresInMinutes: 15,
    });
    expect(again.providerPaymentId).toBe("sbx_pay_old");
    expect(again.expiresAt.toISOString()).toBe("2026-12-01T10:30:00.123Z");
    // The version carried over: a refund (compare-and-set) still applies, once.
    await sandbox.refund({
      providerPaymentId: "sbx_pay_old",
      refundId: "ref_new",
      idempotencyKey: "refund:ref_new",
      amount: { amountMinor: 3000, currency: "EUR" },
    });
    expect((await sandbox.getPayment("sbx_pay_old")).status).toBe("refunded");
    expect(
      await sandbox.findPayout?.({ payoutId: "po_old", idempotencyKey: "payout:po_old" }),
    ).toEqual({ providerPayoutId: "sbx_po_old", status: "paid" });
    const tables = await pool.query(
      "SELECT to_regclass('sandbox_payment') AS payment, to_regclass('sandbox_payout') AS payout",
    );
    expect(tables.rows[0]).toEqual({ payment: null, payout: null });
  });
});
