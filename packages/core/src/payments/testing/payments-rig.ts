import {
  handleSandboxCheckout,
  type SandboxDelivery,
  sandboxOptionsFromEnv,
} from "@mentora/gateway-sandbox";
import type { App } from "../../app/index.ts";
import { holdSlot } from "../../bookings/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../../bookings/testing/bookings.ts";
import { accounts, balanceOf, topUpWallet } from "../../ledger/index.ts";
import { createTestApp, TEST_ORIGIN } from "../../testing/index.ts";
import { createDbSandboxStore } from "../sandbox/db-sandbox-store.ts";

/**
 * A test app on the sandbox gateway whose webhooks are captured (not sent), plus the sandbox's
 * checkout page over the same database store, as the web app mounts it.
 */
export async function createPaymentsRig(env: Record<string, string> = {}) {
  const deliveries: SandboxDelivery[] = [];
  const capture = async (delivery: SandboxDelivery) => {
    deliveries.push(delivery);
  };
  const app = await createTestApp(env, { sandboxDeliver: capture });
  const checkoutOptions = sandboxOptionsFromEnv(
    { PUBLIC_URL: TEST_ORIGIN, NODE_ENV: "test" },
    { store: createDbSandboxStore(app.prisma), deliver: capture },
  );
  const fixture = await createMentorWithOfferings(app);

  /** The payer presses a button on the sandbox page; returns where the page sends them. */
  async function payerChooses(checkoutUrl: string, action: "pay" | "decline" | "abandon") {
    const response = await handleSandboxCheckout(
      new Request(checkoutUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: TEST_ORIGIN },
        body: new URLSearchParams({ action }).toString(),
      }),
      checkoutOptions,
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

  return { app, fixture, deliveries, checkoutOptions, payerChooses, menteeWithHold };
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
export async function ledgerIsBalanced(app: App): Promise<boolean> {
  const rows = await app.prisma.$queryRaw<{ currency: string; total: bigint }[]>`
    SELECT currency, SUM("amountMinor")::bigint AS total FROM ledger_entry GROUP BY currency`;
  return rows.every((row) => row.total === 0n);
}

/** Runs every queued job of these queues the way the worker would, until none is left. */
export async function drainJobs(
  app: App,
  jobs: readonly {
    name: string;
    schema: { parse(data: unknown): unknown };
    handle(data: never, services: App, meta: { jobId: string }): Promise<void>;
  }[],
): Promise<number> {
  let ran = 0;
  for (let progress = true; progress; ) {
    progress = false;
    for (const job of jobs) {
      const [item] = await app.boss.fetch(job.name);
      if (!item) continue;
      progress = true;
      try {
        await job.handle(job.schema.parse(item.data) as never, app, { jobId: item.id });
        await app.boss.complete(job.name, item.id);
      } catch (error) {
        await app.boss.fail(job.name, item.id, { message: String(error) });
      }
      ran += 1;
    }
  }
  return ran;
}
