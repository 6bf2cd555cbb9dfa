import { createMemoryKeyValueStore, money } from "@mentora/payment-gateway";
import { describe, expect, it } from "vitest";
import type { SandboxPaymentRecord } from "./sandbox-records.ts";
import { sandboxStoreOn } from "./sandbox-store.ts";

const record = (id: string): SandboxPaymentRecord => ({
  id,
  paymentId: "pay_1",
  idempotencyKey: "payment:pay_1",
  amount: money(1_000, "EUR"),
  description: "Session",
  status: "pending",
  refunds: [],
  expiresAt: new Date("2026-12-05T00:00:00Z"),
  successUrl: "https://mentora.test/ok",
  cancelUrl: "https://mentora.test/ko",
  webhookUrl: "https://mentora.test/api/webhooks/sandbox",
  createdAt: new Date("2026-12-04T23:00:00Z"),
  version: 1,
});

describe("the sandbox's books on a key/value store", () => {
  it("one payment per idempotency key, dates revived, compare-and-set on the version", async () => {
    const store = sandboxStoreOn(createMemoryKeyValueStore());
    const first = await store.insertPayment(record("sbx_pay_a"));
    const second = await store.insertPayment(record("sbx_pay_b"));
    expect(second.id).toBe("sbx_pay_a");
    expect(first.expiresAt).toEqual(new Date("2026-12-05T00:00:00Z"));
    expect(await store.findPaymentByIdempotencyKey("payment:pay_1")).toEqual(first);
    const paid = { ...first, status: "succeeded" as const, version: 2 };
    expect(await store.updatePayment(paid, 1)).toBe(true);
    expect(await store.updatePayment({ ...paid, status: "failed" }, 1)).toBe(false);
    expect((await store.getPayment("sbx_pay_a"))?.status).toBe("succeeded");
  });

  it("a crash between claiming the key and writing the record heals on the next insert", async () => {
    const state = createMemoryKeyValueStore();
    await state.add("payment-key:payment:pay_1", "sbx_pay_lost");
    const store = sandboxStoreOn(state);
    expect(await store.findPaymentByIdempotencyKey("payment:pay_1")).toBeNull();
    const healed = await store.insertPayment(record("sbx_pay_new"));
    expect(healed.id).toBe("sbx_pay_lost");
    expect((await store.getPayment("sbx_pay_lost"))?.paymentId).toBe("pay_1");
  });
});
