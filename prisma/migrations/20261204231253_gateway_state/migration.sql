-- Gateways (issue #13): one generic key/value table for every adapter's state replaces the
-- sandbox's own tables. Existing sandbox books move into it, in the shape the sandbox adapter
-- reads (adapters/sandbox/src/sandbox-store.ts), before the old tables go.

-- CreateTable
CREATE TABLE "gateway_state" (
    "gatewayId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "expiresAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gateway_state_pkey" PRIMARY KEY ("gatewayId","key")
);

-- CreateIndex
CREATE INDEX "gateway_state_expiresAt_idx" ON "gateway_state"("expiresAt");

-- Sandbox payments: the record under payment:<id>, the idempotency index under payment-key:<key>.
INSERT INTO "gateway_state" ("gatewayId", "key", "value", "version")
SELECT 'sandbox', 'payment:' || "id", jsonb_build_object(
    'id', "id",
    'paymentId', "paymentId",
    'idempotencyKey', "idempotencyKey",
    'amount', jsonb_build_object('amountMinor', "amountMinor", 'currency', "currency"),
    'description', "description",
    'status', "status",
    'refunds', "refunds",
    'expiresAt', to_char("expiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'successUrl', "successUrl",
    'cancelUrl', "cancelUrl",
    'webhookUrl', "webhookUrl",
    'createdAt', to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'version', "version"
  ), "version"
FROM "sandbox_payment";

INSERT INTO "gateway_state" ("gatewayId", "key", "value")
SELECT 'sandbox', 'payment-key:' || "idempotencyKey", to_jsonb("id")
FROM "sandbox_payment";

-- Sandbox payouts: found by their idempotency key only.
INSERT INTO "gateway_state" ("gatewayId", "key", "value")
SELECT 'sandbox', 'payout-key:' || "idempotencyKey", jsonb_strip_nulls(jsonb_build_object(
    'id', "id",
    'payoutId', "payoutId",
    'idempotencyKey', "idempotencyKey",
    'amount', jsonb_build_object('amountMinor', "amountMinor", 'currency', "currency"),
    'destination', "destination",
    'status', "status",
    'failureReason', "failureReason",
    'webhookUrl', "webhookUrl",
    'createdAt', to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  ))
FROM "sandbox_payout";

-- DropTable
DROP TABLE "sandbox_payment";

-- DropTable
DROP TABLE "sandbox_payout";
