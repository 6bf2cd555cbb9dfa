import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GatewayError, WebhookVerificationError } from "../errors.ts";
import type { GatewayWebhookEvent } from "../events.ts";
import type { CheckoutSession } from "../gateway.ts";
import { idempotencyKey } from "../idempotency.ts";
import type { ConformanceHarness } from "./harness.ts";

let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}_${Date.now().toString(36)}_${sequence}`;
}

/**
 * The behaviour every PaymentGateway must have, run against the adapter's local fake vendor.
 * Call it from the adapter's own test file: runGatewayConformance("stripe", setup).
 */
export function runGatewayConformance(name: string, setup: () => Promise<ConformanceHarness>) {
  describe(`${name}: PaymentGateway conformance`, () => {
    let h: ConformanceHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h?.close();
    });

    const amount = () => ({ amountMinor: h.amountMinor, currency: h.currency });
    async function checkout(paymentId = nextId("pay")): Promise<CheckoutSession> {
      return h.gateway.createCheckout({
        paymentId,
        idempotencyKey: idempotencyKey.payment(paymentId),
        amount: amount(),
        description: "Mentoring session — Zoé",
        customer: { email: "zoe@example.com", name: "Zoé Côté" },
        successUrl: `https://mentora.test/payments/${paymentId}/return?secret=s3cr3t`,
        cancelUrl: `https://mentora.test/payments/${paymentId}/cancel`,
        expiresInMinutes: 30,
        webhookUrl: `https://mentora.test/api/webhooks/${h.gateway.id}`,
      });
    }
    async function parseAll(): Promise<GatewayWebhookEvent[]> {
      const requests = await h.takeWebhooks();
      return (await Promise.all(requests.map((r) => h.gateway.parseWebhook(r)))).flat();
    }
    async function paid(): Promise<CheckoutSession> {
      const session = await checkout();
      await h.payerAction(session, "pay");
      await h.takeWebhooks();
      return session;
    }

    it("checkout success: a redirect, then the provider says succeeded, with the amount", async () => {
      const session = await checkout();
      expect(new URL(session.redirectUrl).protocol).toMatch(/^https?:$/);
      expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("pending");
      await h.payerAction(session, "pay");
      const payment = await h.gateway.getPayment(session.providerPaymentId);
      expect(payment.status).toBe("succeeded");
      expect(payment.amount).toEqual(amount());
      const events = await parseAll();
      const expected = h.signedWebhooks ? "payment.succeeded" : "payment.check";
      expect(
        events.some(
          (e) =>
            e.type === expected &&
            "providerPaymentId" in e &&
            e.providerPaymentId === session.providerPaymentId,
        ),
      ).toBe(true);
    });

    it("decline: never reads as succeeded", async () => {
      const session = await checkout();
      await h.payerAction(session, "decline");
      expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe(
        h.statusAfterDecline,
      );
    });

    it("abandon then expiry: the provider reports it, never as succeeded", async () => {
      const session = await checkout();
      await h.payerAction(session, "abandon");
      await h.expireCheckout(session);
      expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe(
        h.statusAfterExpiry,
      );
    });

    it("a timeout that in fact succeeded is indeterminate, and the provider knows the truth", async () => {
      const session = await paid();
      // Without refunds the lost-answer case is the checkout's, tested below.
      if (!h.gateway.capabilities.refunds) return;
      h.loseNextResponse("refund");
      const refundId = nextId("ref");
      const attempt = h.gateway.refund({
        providerPaymentId: session.providerPaymentId,
        refundId,
        idempotencyKey: idempotencyKey.refund(refundId),
        amount: amount(),
      });
      await expect(attempt).rejects.toSatisfy(
        (error) => error instanceof GatewayError && error.kind === "indeterminate",
      );
      const truth = await h.gateway.getPayment(session.providerPaymentId);
      expect(truth.status).toBe("refunded");
      expect(truth.amountRefunded).toEqual(amount());
    });

    it("a lost checkout answer is indeterminate; the same idempotency key finds the same checkout", async () => {
      const paymentId = nextId("pay");
      h.loseNextResponse("createCheckout");
      await expect(checkout(paymentId)).rejects.toSatisfy(
        (error) => error instanceof GatewayError && error.kind === "indeterminate",
      );
      const again = await checkout(paymentId);
      const twice = await checkout(paymentId);
      if (h.idempotentCheckout) {
        expect(twice.providerPaymentId).toBe(again.providerPaymentId);
      } else {
        // A fresh checkout works; the lost one was never shown to a payer.
        await h.payerAction(twice, "pay");
        expect((await h.gateway.getPayment(twice.providerPaymentId)).status).toBe("succeeded");
      }
    });

    it("one attempt per call: a 503 costs exactly one request, retryable, with its Retry-After", async () => {
      // Retrying is core's job (callWithRetry): an adapter that retried too would multiply
      // every attempt of core's by its own.
      const session = await checkout();
      const calls = {
        getPayment: () => h.gateway.getPayment(session.providerPaymentId),
        createCheckout: () => checkout(),
      } as const;
      for (const operation of ["getPayment", "createCheckout"] as const) {
        const before = h.requestCount();
        h.failNextWith503(operation, 7);
        const error = await calls[operation]().then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error, operation).toBeInstanceOf(GatewayError);
        expect((error as GatewayError).kind, operation).toBe("retryable");
        expect(h.requestCount() - before, operation).toBe(1);
        if (h.sendsRetryAfter) expect((error as GatewayError).retryAfterMs, operation).toBe(7_000);
      }
      // The vendor is back: the next call goes through, again in one request.
      const before = h.requestCount();
      expect((await calls.getPayment()).providerPaymentId).toBe(session.providerPaymentId);
      expect(h.requestCount() - before).toBe(1);
    });

    it("duplicate and out-of-order webhooks parse to the same events with stable ids", async () => {
      const session = await checkout();
      await h.payerAction(session, "pay");
      const requests = await h.takeWebhooks();
      expect(requests.length).toBeGreaterThan(0);
      const inOrder = (await Promise.all(requests.map((r) => h.gateway.parseWebhook(r)))).flat();
      const shuffled = [...requests].reverse().flatMap((r) => [r, r]);
      const replayed = (await Promise.all(shuffled.map((r) => h.gateway.parseWebhook(r)))).flat();
      const ids = (events: GatewayWebhookEvent[]) =>
        [...new Set(events.map((e) => e.eventId))].sort();
      expect(ids(replayed)).toEqual(ids(inOrder));
      expect(replayed).toHaveLength(inOrder.length * 2);
    });

    it("a forged webhook is refused, or (unsigned providers) cannot settle anything", async () => {
      const session = await checkout();
      await h.payerAction(session, "pay");
      const [request] = await h.takeWebhooks();
      expect(request).toBeDefined();
      if (!request) return;
      if (h.signedWebhooks) {
        await expect(h.gateway.parseWebhook(h.forge(request))).rejects.toBeInstanceOf(
          WebhookVerificationError,
        );
        if (h.stale) {
          await expect(h.gateway.parseWebhook(h.stale(request))).rejects.toBeInstanceOf(
            WebhookVerificationError,
          );
        }
      } else {
        // An unsigned hint about an unpaid payment: it only asks us to look, and looking says pending.
        const unpaid = await checkout();
        const forged = h.forge({
          ...request,
          url: request.url.replace(session.providerPaymentId, unpaid.providerPaymentId),
        });
        const events = await h.gateway.parseWebhook(forged);
        expect(events.every((e) => e.type === "payment.check")).toBe(true);
        expect((await h.gateway.getPayment(unpaid.providerPaymentId)).status).toBe("pending");
      }
    });

    it("partial then full refund; a refund above what was captured is refused", async () => {
      const session = await paid();
      const refund = (amountMinor: number) => {
        const refundId = nextId("ref");
        return h.gateway.refund({
          providerPaymentId: session.providerPaymentId,
          refundId,
          idempotencyKey: idempotencyKey.refund(refundId),
          amount: { amountMinor, currency: h.currency },
        });
      };
      if (!h.gateway.capabilities.refunds) {
        await expect(refund(1)).rejects.toBeInstanceOf(GatewayError);
        return;
      }
      const part = Math.floor(h.amountMinor / 4);
      await refund(part);
      const partial = await h.gateway.getPayment(session.providerPaymentId);
      expect(partial.status).toBe("partially_refunded");
      expect(partial.amountRefunded.amountMinor).toBe(part);
      await expect(refund(h.amountMinor)).rejects.toSatisfy(
        (error) => error instanceof GatewayError && error.kind === "permanent",
      );
      await refund(h.amountMinor - part);
      const full = await h.gateway.getPayment(session.providerPaymentId);
      expect(full.status).toBe("refunded");
      expect(full.amountRefunded.amountMinor).toBe(h.amountMinor);
    });

    it("disputes: opened then closed (won or lost) parse to dispute events on the payment, with the amount", async () => {
      const dispute = h.dispute;
      if (!h.gateway.capabilities.disputes || !dispute) {
        // Declared without disputes: the kit cannot make one, and nothing claims otherwise.
        expect(Boolean(h.gateway.capabilities.disputes)).toBe(false);
        expect(dispute).toBeUndefined();
        return;
      }
      for (const outcome of ["won", "lost"] as const) {
        const session = await paid();
        await dispute(session, "open");
        const opened = (await parseAll()).filter((e) => e.type.startsWith("dispute."));
        expect(opened).toHaveLength(1);
        const [open] = opened;
        expect(open).toMatchObject({
          type: "dispute.opened",
          providerPaymentId: session.providerPaymentId,
          amount: amount(),
        });
        await dispute(session, outcome);
        const closed = (await parseAll()).filter((e) => e.type.startsWith("dispute."));
        expect(closed).toHaveLength(1);
        expect(closed[0]).toMatchObject({
          type: "dispute.closed",
          providerPaymentId: session.providerPaymentId,
          outcome,
          amount: amount(),
        });
        // One dispute, one id: the close names the dispute the open did.
        if (open?.type === "dispute.opened" && closed[0]?.type === "dispute.closed") {
          expect(closed[0].providerDisputeId).toBe(open.providerDisputeId);
          expect(closed[0].eventId).not.toBe(open.eventId);
        }
      }
    });

    it("payout accounts: created once per key, onboarded on the provider's form, status from the provider", async () => {
      const accounts = h.gateway.payoutAccounts;
      const complete = h.completeOnboarding;
      if (!h.gateway.capabilities.payoutAccountOnboarding || !accounts || !complete) {
        expect(Boolean(h.gateway.capabilities.payoutAccountOnboarding)).toBe(false);
        expect(accounts).toBeUndefined();
        return;
      }
      const payeeId = nextId("mentor");
      const input = {
        idempotencyKey: `payout-account:${payeeId}`,
        payeeId,
        email: `${payeeId}@example.com`,
      };
      const created = await accounts.createAccount(input);
      expect(created).toMatchObject({ detailsSubmitted: false, payoutsEnabled: false });
      expect((await accounts.createAccount(input)).providerAccountId).toBe(
        created.providerAccountId,
      );
      const link = await accounts.createOnboardingLink({
        providerAccountId: created.providerAccountId,
        refreshUrl: "https://mentora.test/mentor/payouts/stripe/refresh",
        returnUrl: "https://mentora.test/mentor/payouts/stripe/return",
      });
      expect(new URL(link.url).protocol).toBe("https:");
      expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());
      await h.takeWebhooks();
      await complete(created.providerAccountId);
      expect(await accounts.getAccount(created.providerAccountId)).toEqual({
        providerAccountId: created.providerAccountId,
        detailsSubmitted: true,
        payoutsEnabled: true,
        currentlyDue: [],
      });
      const deliveries = await h.takeWebhooks();
      const events = (await Promise.all(deliveries.map((d) => h.gateway.parseWebhook(d)))).flat();
      expect(events).toContainEqual(
        expect.objectContaining({
          type: "payout_account.updated",
          providerAccountId: created.providerAccountId,
        }),
      );
      const [delivery] = deliveries;
      if (delivery && h.signedWebhooks) {
        await expect(h.gateway.parseWebhook(h.forge(delivery))).rejects.toSatisfy(
          (error) => error instanceof WebhookVerificationError,
        );
      }
    });

    it("payouts: success, failure, and finding a payout by its idempotency key, from any process", async () => {
      const { createPayout, findPayout } = h.gateway;
      if (!h.gateway.capabilities.payouts || !h.payouts || !createPayout || !findPayout) {
        expect(h.gateway.capabilities.payouts).toBe(false);
        return;
      }
      const pay = (destination: typeof h.payouts.ok, payoutId = nextId("po")) =>
        createPayout.call(h.gateway, {
          payoutId,
          idempotencyKey: idempotencyKey.payout(payoutId),
          amount: amount(),
          destination,
          note: "Mentora earnings",
        });
      const okId = nextId("po");
      const ok = await pay(h.payouts.ok, okId);
      expect(ok.status).not.toBe("failed");
      const found = await findPayout.call(h.gateway, {
        payoutId: okId,
        idempotencyKey: idempotencyKey.payout(okId),
      });
      expect(found?.providerPayoutId).toBe(ok.providerPayoutId);
      // Another process finds it too, given the provider's id core stored from the answer.
      const other = h.restarted?.();
      expect(other?.findPayout, "a harness for payouts gives restarted()").toBeDefined();
      const fromOther = await other?.findPayout?.({
        payoutId: okId,
        idempotencyKey: idempotencyKey.payout(okId),
        providerPayoutId: ok.providerPayoutId,
      });
      expect(fromOther?.providerPayoutId).toBe(ok.providerPayoutId);
      expect(fromOther?.status).toBe(found?.status);
      const unknown = nextId("po");
      expect(
        await findPayout.call(h.gateway, {
          payoutId: unknown,
          idempotencyKey: idempotencyKey.payout(unknown),
        }),
      ).toBeNull();

      const failing: unknown = await pay(h.payouts.failing).catch((error: unknown) => error);
      const failedOutright = failing instanceof GatewayError && failing.kind === "permanent";
      const failedLater =
        !failedOutright &&
        ((failing as { status?: string }).status === "failed" ||
          (await parseAll()).some((e) => e.type === "payout.failed"));
      expect(failedOutright || failedLater).toBe(true);

      // A lost answer: the payout exists at the provider exactly once.
      const lostId = nextId("po");
      h.loseNextResponse("createPayout");
      await expect(pay(h.payouts.ok, lostId)).rejects.toSatisfy(
        (error) => error instanceof GatewayError && error.kind === "indeterminate",
      );
      const afterLoss = await findPayout.call(h.gateway, {
        payoutId: lostId,
        idempotencyKey: idempotencyKey.payout(lostId),
      });
      expect(afterLoss).not.toBeNull();
    });
  });
}
