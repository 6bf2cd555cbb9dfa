// settlePayment under a storm's copies of one payment's events (decision 079): the jobs that
// find the payment being settled by another job of the process wait for that answer instead of
// each opening a transaction to queue on the payment's row lock; the payment is settled once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../app/types.ts";
import {
  createPaymentsRig,
  expectSettledOnceAndConfirmed,
  ledgerIsBalanced,
} from "../testing/payments-rig.ts";
import { settlePayment } from "./settle-payment.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig();
});
afterAll(async () => {
  await rig?.app.close();
});

describe("settlePayment, copies of one payment's events at once", () => {
  it("one transaction settles it; the others answer from its result", async () => {
    const { app } = rig;
    // Paid at the provider, still PENDING here: what every copy of its event reads.
    const [paid] = await rig.paidWithStoredWebhooks(1);
    const seen = await app.prisma.payment.findUniqueOrThrow({ where: { id: paid!.id } });
    expect(seen.status).toBe("PENDING");
    const gateway = app.gateways.get("sandbox");
    const truth = await gateway.getPayment(seen.providerPaymentId as string);

    // Every interactive transaction the settlements open, counted.
    let transactions = 0;
    const prisma = new Proxy(app.prisma, {
      get(target, property, receiver) {
        if (property === "$transaction") {
          return (...args: Parameters<typeof target.$transaction>) => {
            transactions += 1;
            return (target.$transaction as (...a: unknown[]) => unknown)(...args);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const services = { ...app, prisma } as AppServices;

    const copies = 12;
    const results = await Promise.all(
      Array.from({ length: copies }, () =>
        settlePayment(services, seen.id, truth, new Date(), seen),
      ),
    );
    expect(results.filter((result) => result.changed)).toHaveLength(1);
    expect(results.every((result) => result.status === "SUCCEEDED")).toBe(true);
    // Without the in-process wait each copy opened its own (12 transactions on one row lock).
    expect(transactions).toBe(1);
    await expectSettledOnceAndConfirmed(app, [paid!]);
    expect(await ledgerIsBalanced(app)).toBe(true);

    // A later copy with the same stale read, nothing in flight: the locked path, as before.
    const later = await settlePayment(services, seen.id, truth, new Date(), seen);
    expect(later).toEqual({ changed: false, status: "SUCCEEDED" });
    expect(transactions).toBe(2);
    await expectSettledOnceAndConfirmed(app, [paid!]);
  });
});
