import type { Db, Prisma } from "@mentora/db";
import type {
  SandboxPaymentRecord,
  SandboxPayoutRecord,
  SandboxRefundRecord,
  SandboxStore,
} from "@mentora/gateway-sandbox";
import type { PayoutDestination } from "@mentora/payment-gateway";

type PaymentRow = Prisma.SandboxPaymentGetPayload<object>;
type PayoutRow = Prisma.SandboxPayoutGetPayload<object>;

/**
 * The sandbox "provider"'s books in our database, so the web process (its checkout page) and
 * the worker (refunds, payouts) see the same records. Inserts are idempotent on the key;
 * updates compare-and-set on the version, as the store contract asks.
 */
export function createDbSandboxStore(db: Db | (() => Db)): SandboxStore {
  const client = typeof db === "function" ? db : () => db;
  return {
    async getPayment(id) {
      const row = await client().sandboxPayment.findUnique({ where: { id } });
      return row ? paymentRecordOf(row) : null;
    },
    async findPaymentByIdempotencyKey(idempotencyKey) {
      const row = await client().sandboxPayment.findUnique({ where: { idempotencyKey } });
      return row ? paymentRecordOf(row) : null;
    },
    async insertPayment(record) {
      const inserted = await client().sandboxPayment.createMany({
        data: [paymentRowOf(record)],
        skipDuplicates: true,
      });
      if (inserted.count === 1) return record;
      const existing = await client().sandboxPayment.findUniqueOrThrow({
        where: { idempotencyKey: record.idempotencyKey },
      });
      return paymentRecordOf(existing);
    },
    async updatePayment(record, expectedVersion) {
      const { count } = await client().sandboxPayment.updateMany({
        where: { id: record.id, version: expectedVersion },
        data: {
          status: record.status,
          refunds: refundsJson(record.refunds),
          version: record.version,
        },
      });
      return count === 1;
    },
    async findPayoutByIdempotencyKey(idempotencyKey) {
      const row = await client().sandboxPayout.findUnique({ where: { idempotencyKey } });
      return row ? payoutRecordOf(row) : null;
    },
    async insertPayout(record) {
      const inserted = await client().sandboxPayout.createMany({
        data: [
          {
            id: record.id,
            payoutId: record.payoutId,
            idempotencyKey: record.idempotencyKey,
            amountMinor: BigInt(record.amount.amountMinor),
            currency: record.amount.currency,
            destination: record.destination as unknown as Prisma.InputJsonValue,
            status: record.status,
            failureReason: record.failureReason ?? null,
            webhookUrl: record.webhookUrl,
            createdAt: record.createdAt,
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count === 1) return record;
      const existing = await client().sandboxPayout.findUniqueOrThrow({
        where: { idempotencyKey: record.idempotencyKey },
      });
      return payoutRecordOf(existing);
    },
  };
}

function refundsJson(refunds: readonly SandboxRefundRecord[]): Prisma.InputJsonValue {
  return refunds.map((refund) => ({ ...refund, createdAt: refund.createdAt.toISOString() }));
}

function paymentRowOf(record: SandboxPaymentRecord) {
  return {
    id: record.id,
    paymentId: record.paymentId,
    idempotencyKey: record.idempotencyKey,
    amountMinor: BigInt(record.amount.amountMinor),
    currency: record.amount.currency,
    description: record.description,
    status: record.status,
    refunds: refundsJson(record.refunds),
    expiresAt: record.expiresAt,
    successUrl: record.successUrl,
    cancelUrl: record.cancelUrl,
    webhookUrl: record.webhookUrl,
    createdAt: record.createdAt,
    version: record.version,
  };
}

function paymentRecordOf(row: PaymentRow): SandboxPaymentRecord {
  const refunds = (row.refunds as unknown as (SandboxRefundRecord & { createdAt: string })[]).map(
    (refund) => ({ ...refund, createdAt: new Date(refund.createdAt) }),
  );
  return {
    id: row.id,
    paymentId: row.paymentId,
    idempotencyKey: row.idempotencyKey,
    amount: { amountMinor: Number(row.amountMinor), currency: row.currency },
    description: row.description,
    status: row.status as SandboxPaymentRecord["status"],
    refunds,
    expiresAt: row.expiresAt,
    successUrl: row.successUrl,
    cancelUrl: row.cancelUrl,
    webhookUrl: row.webhookUrl,
    createdAt: row.createdAt,
    version: row.version,
  };
}

function payoutRecordOf(row: PayoutRow): SandboxPayoutRecord {
  return {
    id: row.id,
    payoutId: row.payoutId,
    idempotencyKey: row.idempotencyKey,
    amount: { amountMinor: Number(row.amountMinor), currency: row.currency },
    destination: row.destination as unknown as PayoutDestination,
    status: row.status as SandboxPayoutRecord["status"],
    ...(row.failureReason ? { failureReason: row.failureReason } : {}),
    webhookUrl: row.webhookUrl,
    createdAt: row.createdAt,
  };
}
