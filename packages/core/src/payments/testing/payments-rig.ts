import { createHmac, randomUUID } from "node:crypto";
import type { OutgoingWebhook } from "@mentora/payment-gateway";
import { expect } from "vitest";
import type { App } from "../../app/index.ts";
import { holdSlot } from "../../bookings/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../../bookings/testing/bookings.ts";
import type { AnyJobHandler } from "../../jobs/define.ts";
import { accounts, balanceOf, topUpWallet } from "../../ledger/index.ts";
import { createTestApp, TEST_ORIGIN } from "../../testing/index.ts";
import { startBookingPayment } from "../checkout/start-payment.ts";
import { receiveWebhook } from "../webhooks/receive-webhook.ts";

/** The sandbox's webhook secret in these tests (its adapter reads SANDBOX_WEBHOOK_SECRET). */
export const sandboxWebhookSecret = "whsec_core_tests_sandbox_secret";

/**
 * A sandbox webhook signature as its documented scheme makes it (x-sandbox-signature:
 * t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">), for forged and stale deliveries.
 */
export function sandboxSignature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/**
 * A test app on the sandbox gateway whose webhooks are captured (not sent), plus the sandbox's
 * checkout page reached through the gateway's routes, as the web app mounts it.
 */
export async function createPaymentsRig(env: Record<string, string> = {}) {
  const deliveries: OutgoingWebhook[] = [];
  const capture = async (delivery: OutgoingWebhook) => {
    deliveries.push(delivery);
  };
  const app = await createTestApp(
    { SANDBOX_WEBHOOK_SECRET: sandboxWebhookSecret, ...env },
    { deliverGatewayWebhook: capture },
  );
  const fixture = await createMentorWithOfferings(app);

  /** The payer presses a button on the sandbox page; returns where the page sends them. */
  async function payerChooses(checkoutUrl: string, action: "pay" | "decline" | "abandon") {
    const checkout = app.gateways.get("sandbox").routes?.checkout;
    if (!checkout) throw new Error("the sandbox gateway has no checkout route");
    const url = new URL(checkoutUrl);
    const response = await checkout(
      new Request(checkoutUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: TEST_ORIGIN },
        body: new URLSearchParams({ action }).toString(),
      }),
      {
        path: url.pathname.replace(/^\/gateways\/sandbox\/checkout/, ""),
        publicPath: url.pathname,
      },
    );
    return response.headers.get("location");
  }

  let slot = 0;
  /**
   * Distinct 60-minute slots two hours apart (the buffer), from next week (outside the free
   * cancellation window) to the 60-day horizon.
   */
  const nextSlot = () => {
    const n = slot++;
    return nextMondayAt(5 + 2 * Math.floor(n / 7), 2 + (n % 7));
  };
  /** A mentee holding a place in a fresh slot of the paid one-to-one (50 EUR) offering. */
  async function menteeWithHold(options: { walletMinor?: number; optionId?: string } = {}) {
    const mentee = await createUser(app, "Jeanne Mentee");
    if (options.walletMinor) await fundWallet(app, mentee.id, options.walletMinor);
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: options.optionId ?? fixture.paidOption.id,
      startsAt: nextSlot(),
    });
    return { mentee, booking };
  }

  /**
   * Payments the payer completed, whose webhooks are stored and enqueued as the edge does (each
   * answered 200), with no worker running yet: what the crash and batch tests start from.
   */
  async function paidWithStoredWebhooks(count: number) {
    const payments: { id: string; bookingId: string }[] = [];
    for (let n = 0; n < count; n += 1) {
      const { mentee, booking } = await menteeWithHold();
      const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
      await payerChooses(started.redirectUrl, "pay");
      payments.push({ id: started.paymentId, bookingId: booking.id });
    }
    for (const delivery of deliveries.splice(0)) {
      const answer = await receiveWebhook(
        app,
        new Request(`http://test${new URL(delivery.url).pathname}`, {
          method: "POST",
          headers: delivery.headers,
          body: delivery.body,
        }),
        "sandbox",
        null,
      );
      if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`);
    }
    return payments;
  }

  return { app, fixture, deliveries, payerChooses, menteeWithHold, paidWithStoredWebhooks };
}

export async function fundWallet(app: App, userId: string, amountMinor: number, currency = "EUR") {
  await topUpWallet(app.prisma, {
    userId,
    gatewayId: "sandbox",
    currency,
    amountMinor,
    idempotencyKey: `test-fund:${userId}:${amountMinor}:${Math.random()}`,
  });
}

export async function walletOf(app: App, userId: string, currency = "EUR") {
  return {
    available: await balanceOf(app.prisma, accounts.wallet(userId, currency)),
    reserved: await balanceOf(app.prisma, accounts.reserved(userId, currency)),
  };
}

/** Every entry of the ledger sums to zero per currency. */
/**
 * A stored event for a payment nobody knows (`sbx_unknown`): processing it fails every time.
 * Written outside the ingest, it counts as enqueued (the column's default, decision 070): no
 * sweep gives it a job; its job, if any, is the caller's.
 */
export function storeEventForUnknownPayment(app: App) {
  return app.prisma.webhookEvent.create({
    data: {
      provider: "sandbox",
      eventId: `evt-${randomUUID()}`,
      type: "payment.succeeded",
      payload: {
        type: "payment.succeeded",
        eventId: "x",
        providerPaymentId: "sbx_unknown",
        occurredAt: new Date().toISOString(),
      },
      rawBody: "{}",
    },
  });
}

/** Each payment SUCCEEDED with exactly one PAYMENT posting, and its booking CONFIRMED. */
export async function expectSettledOnceAndConfirmed(
  app: App,
  payments: readonly { id: string; bookingId: string }[],
) {
  for (const payment of payments) {
    const row = await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row.status).toBe("SUCCEEDED");
    expect(
      await app.prisma.ledgerTransaction.count({
        where: { paymentId: payment.id, kind: "PAYMENT" },
      }),
    ).toBe(1);
    const booking = await app.prisma.booking.findUniqueOrThrow({
      where: { id: payment.bookingId },
    });
    expect(booking.status).toBe("CONFIRMED");
  }
}

export async function ledgerIsBalanced(app: App): Promise<boolean> {
  const rows = await app.prisma.$queryRaw<{ currency: string; total: bigint }[]>`
    SELECT currency, SUM("amountMinor")::bigint AS total FROM ledger_entry GROUP BY currency`;
  return rows.every((row) => row.total === 0n);
}

/**
 * Runs every queued job of these queues the way the worker would, until none is left: a queue
 * fed from an outbox (webhook.process, decision 070) is swept first, as the worker's runner does.
 */
export async function drainJobs(app: App, jobs: readonly AnyJobHandler<App>[]): Promise<number> {
  let ran = 0;
  for (let progress = true; progress; ) {
    progress = false;
    for (const job of jobs) {
      if (job.feed && (await job.feed.sweep(app, job.feed.limit)) > 0) progress = true;
      const [item] = await app.boss.fetch(job.name);
      if (!item) continue;
      progress = true;
      try {
        await job.run(item.data, app, { jobId: item.id });
        await app.boss.complete(job.name, item.id);
      } catch (error) {
        await app.boss.fail(job.name, item.id, { message: String(error) });
      }
      ran += 1;
    }
  }
  return ran;
}

interface SandboxBookRecord {
  id: string;
  idempotencyKey: string;
  status: string;
  createdAt: string;
}

/** A checkout in the sandbox "provider"'s books, as its adapter keeps them in gateway_state. */
export interface SandboxPaymentBook extends SandboxBookRecord {
  paymentId: string;
}

/** A transfer in the sandbox "provider"'s books. */
export interface SandboxPayoutBook extends SandboxBookRecord {
  payoutId: string;
  destination: Record<string, string>;
}

/**
 * The sandbox's payments (keys `payment:<id>`) or payouts (`payout-key:<key>`) in the
 * database, oldest first: what the "provider" itself recorded, apart from our own tables.
 */
export async function sandboxBooks(
  app: Pick<App, "prisma">,
  kind: "payment",
): Promise<SandboxPaymentBook[]>;
export async function sandboxBooks(
  app: Pick<App, "prisma">,
  kind: "payout",
): Promise<SandboxPayoutBook[]>;
export async function sandboxBooks(app: Pick<App, "prisma">, kind: "payment" | "payout") {
  const rows = await app.prisma.gatewayState.findMany({
    where: {
      gatewayId: "sandbox",
      key: { startsWith: kind === "payment" ? "payment:" : "payout-key:" },
    },
  });
  return rows
    .map((row) => row.value as unknown as SandboxBookRecord)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
