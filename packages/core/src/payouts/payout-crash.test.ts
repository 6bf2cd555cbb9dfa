import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { idempotencyKey, type PaymentGateway } from "@mentora/payment-gateway";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../app/index.ts";
import { loadConfig } from "../config/index.ts";
import { createJobRunner } from "../jobs/runner.ts";
import { createLogger } from "../logger/index.ts";
import type { GatewayRegistry } from "../payments/index.ts";
import {
  createPaymentsRig,
  drainJobs,
  ledgerIsBalanced,
} from "../payments/testing/payments-rig.ts";
import { TEST_ORIGIN, until } from "../testing/index.ts";
import { executePayout, executePayoutJob } from "./execute-payout.job.ts";
import { approvePayout, requestPayout } from "./payout-service.ts";
import { reconcilePayouts } from "./reconcile-payouts.job.ts";
import {
  createAdmin,
  createMentor,
  creditAvailable,
  mentorBalances,
  sandboxTransfers,
  setSandboxMethod,
} from "./testing/payouts-rig.ts";

const workerScript = fileURLToPath(new URL("./testing/payout-worker.ts", import.meta.url));

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let app: App;
let databaseUrl: string;
let actor: { actorId: string; ip: string; userAgent: string };
beforeAll(async () => {
  rig = await createPaymentsRig();
  app = rig.app;
  databaseUrl = (app.pool as unknown as { options: { connectionString: string } }).options
    .connectionString;
  actor = { actorId: (await createAdmin(app)).id, ip: "198.51.100.1", userAgent: "test" };
});
afterAll(async () => {
  await app?.close();
});

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A mentor with a sandbox method and an APPROVED payout (its execute job enqueued). */
async function approvedPayout(amountMinor = 2_000, mentorId?: string) {
  const id = mentorId ?? (await createMentor(app)).id;
  if (!mentorId) await setSandboxMethod(app, id);
  await creditAvailable(app, id, amountMinor);
  const payout = await requestPayout(app, { mentorId: id, currency: "EUR", amountMinor });
  await approvePayout(app, { payoutId: payout.id, actor });
  return { mentorId: id, payoutId: payout.id };
}

const payoutOf = (id: string) => app.prisma.payout.findUniqueOrThrow({ where: { id } });
const transfersOf = async (payoutId: string) =>
  (await sandboxTransfers(app)).filter((transfer) => transfer.payoutId === payoutId);
/** Reconcile as it would run once PAYOUT_RECONCILE_AFTER_MINUTES have passed. */
const reconcileLater = (services: App = app) =>
  reconcilePayouts(
    services,
    new Date(Date.now() + (app.config.payouts.reconcileAfterMinutes + 1) * 60_000),
  );

function startWorker(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [workerScript], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.splice(0)) {
      if (output.includes(waiter.text)) waiter.resolve();
      else waiters.push(waiter);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  });
  const waitFor = (text: string, ms = 60_000) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`worker never printed ${text}; output:\n${output}`)),
        ms,
      );
      waiters.push({
        text,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  return { child, exited, waitFor };
}

describe("a worker killed between the transfer and the database update", () => {
  it("SIGKILL after the gateway paid: one transfer, and reconcile marks it PAID", async () => {
    const { mentorId, payoutId } = await approvedPayout(2_500);
    const first = startWorker({ PAYOUT_WORKER_STALL: "1" });
    await first.waitFor(`TRANSFERRED ${payoutId}`);
    first.child.kill("SIGKILL");
    await first.exited;
    expect(first.child.signalCode).toBe("SIGKILL");

    // The transfer exists at the gateway; our record never heard of it.
    expect(await transfersOf(payoutId)).toHaveLength(1);
    expect(await payoutOf(payoutId)).toMatchObject({ status: "PROCESSING", reference: null });

    // pg-boss retries the dead worker's job once its heartbeat goes stale (30 s): that retry
    // finds the payout PROCESSING and leaves it to reconcile, as this direct call shows.
    expect(await executePayout(app, payoutId)).toBe("not-approved");
    // A second real worker, running the queue, does not pay it again either.
    const second = startWorker({});
    await second.waitFor("READY");

    const report = await reconcileLater();
    expect(report.settled).toContain(payoutId);
    const paid = await payoutOf(payoutId);
    expect(paid).toMatchObject({ status: "PAID", attempts: 1, reserved: false });
    const transfers = await transfersOf(payoutId);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]?.idempotencyKey).toBe(idempotencyKey.payout(payoutId));
    expect(paid.reference).toBe(transfers[0]?.id);
    expect(await mentorBalances(app, mentorId)).toEqual({ available: 0, reserved: 0 });
    expect(await ledgerIsBalanced(app)).toBe(true);
    // Reconcile again: nothing left to do, nothing posted twice, one statement.
    await reconcileLater();
    expect(await app.prisma.invoice.count({ where: { payoutId } })).toBe(1);
    expect(
      await app.prisma.ledgerTransaction.count({
        where: { idempotencyKey: `payout:${payoutId}:paid` },
      }),
    ).toBe(1);
  });
});

/** Another App (its own pools and pg-boss) on the same database: a second worker. */
async function workerApp(): Promise<App> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PUBLIC_URL: TEST_ORIGIN });
  return createApp({
    config,
    databaseUrl,
    role: "worker",
    logger: createLogger({ level: "silent", name: "test-worker" }),
    importPackage: (name) => import(name),
    deliverGatewayWebhook: async () => {},
  });
}

describe("two workers racing", () => {
  it("pay 10 approved payouts of 3 mentors once each, never two of one mentor at once", async () => {
    const mentors = await Promise.all([1, 2, 3].map(async () => (await createMentor(app)).id));
    for (const id of mentors) await setSandboxMethod(app, id, `race-${id}`);
    const payoutIds: string[] = [];
    for (let n = 0; n < 10; n += 1) {
      payoutIds.push((await approvedPayout(1_000 + n, mentors[n % 3])).payoutId);
    }

    const active = new Map<string, number>();
    let overlap = 0;
    const callsBy = [0, 0];
    // Each worker's first call waits until the other has made one: both take part, for sure.
    let bothCalled: () => void = () => {};
    const bothStarted = new Promise<void>((resolve) => {
      bothCalled = resolve;
    });
    const instrumented = (registry: GatewayRegistry, worker: number): GatewayRegistry => ({
      ids: registry.ids,
      forCurrency: registry.forCurrency,
      get(id) {
        const gateway = registry.get(id);
        return {
          ...gateway,
          async createPayout(input) {
            const key = JSON.stringify(input.destination);
            callsBy[worker] = (callsBy[worker] ?? 0) + 1;
            if (callsBy.every((calls) => calls > 0)) bothCalled();
            active.set(key, (active.get(key) ?? 0) + 1);
            if ((active.get(key) ?? 0) > 1) overlap += 1;
            try {
              await bothStarted;
              await new Promise((resolve) => setTimeout(resolve, 20));
              return (await gateway.createPayout?.(input)) as never;
            } finally {
              active.set(key, (active.get(key) ?? 1) - 1);
            }
          },
        } satisfies PaymentGateway;
      },
    });
    const apps = [await workerApp(), await workerApp()];
    const runners = apps.map((worker, index) =>
      createJobRunner({ ...worker, gateways: instrumented(worker.gateways, index) }, [
        executePayoutJob,
      ]),
    );
    cleanups.push(async () => {
      for (const worker of apps) await worker.close();
    });
    await Promise.all(runners.map((runner) => runner.start()));

    await until(async () => {
      const paid = await app.prisma.payout.count({
        where: { id: { in: payoutIds }, status: "PAID" },
      });
      return paid === payoutIds.length ? true : undefined;
    }, "every payout paid");
    for (const payoutId of payoutIds) expect(await transfersOf(payoutId)).toHaveLength(1);
    expect(overlap).toBe(0);
    // Both workers took part.
    expect(callsBy.every((calls) => calls > 0)).toBe(true);
    expect(callsBy.reduce((sum, calls) => sum + calls, 0)).toBe(payoutIds.length);
    expect(await ledgerIsBalanced(app)).toBe(true);
    for (const id of mentors) {
      expect((await mentorBalances(app, id)).reserved).toBe(0);
    }
  });
});

describe("reconcile", () => {
  it("finds a transfer made at the gateway → PAID", async () => {
    const { payoutId } = await approvedPayout(2_000);
    // A worker claimed it and reached the gateway; its answer was lost.
    await app.prisma.payout.update({
      where: { id: payoutId },
      data: { status: "PROCESSING", processingAt: new Date(), attempts: 1 },
    });
    const payout = await payoutOf(payoutId);
    await app.gateways.get("sandbox").createPayout?.({
      payoutId,
      idempotencyKey: payout.gatewayKey,
      amount: { amountMinor: 2_000, currency: "EUR" },
      destination: { kind: "sandbox", account: "x" },
      note: "lost answer",
    });
    const report = await reconcileLater();
    expect(report.settled).toContain(payoutId);
    expect((await payoutOf(payoutId)).status).toBe("PAID");
    expect(await transfersOf(payoutId)).toHaveLength(1);
  });

  it("confirmed absent → back to APPROVED and paid once by a new attempt with the same key", async () => {
    const { payoutId } = await approvedPayout(2_000);
    // A worker claimed it and died before calling the gateway.
    await app.prisma.payout.update({
      where: { id: payoutId },
      data: { status: "PROCESSING", processingAt: new Date(), attempts: 1 },
    });
    await drainJobs(app, [executePayoutJob]); // the queued execute finds it PROCESSING: no-op
    expect(await transfersOf(payoutId)).toHaveLength(0);

    const report = await reconcileLater();
    expect(report.retried).toContain(payoutId);
    expect((await payoutOf(payoutId)).status).toBe("APPROVED");
    await drainJobs(app, [executePayoutJob]);
    const paid = await payoutOf(payoutId);
    expect(paid).toMatchObject({ status: "PAID", attempts: 2 });
    const transfers = await transfersOf(payoutId);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]?.idempotencyKey).toBe(idempotencyKey.payout(payoutId));
    expect(await ledgerIsBalanced(app)).toBe(true);
  });

  it("a gateway that cannot confirm absence (PayPal-like) leaves it PROCESSING and alerts", async () => {
    const { payoutId } = await approvedPayout(2_000);
    await app.prisma.payout.update({
      where: { id: payoutId },
      data: { status: "PROCESSING", processingAt: new Date(), attempts: 1 },
    });
    const sandbox = app.gateways.get("sandbox");
    const processLocal: PaymentGateway = {
      ...sandbox,
      capabilities: { ...sandbox.capabilities, payoutLookup: "process" },
    };
    const report = await reconcileLater({
      ...app,
      gateways: { ...app.gateways, get: () => processLocal },
    });
    expect(report.unconfirmed).toContain(payoutId);
    expect(report.retried).not.toContain(payoutId);
    expect((await payoutOf(payoutId)).status).toBe("PROCESSING");
    expect(await transfersOf(payoutId)).toHaveLength(0);
  });

  it("a PayPal-like gateway in another process finds it by the provider id stored → PAID", async () => {
    const { payoutId } = await approvedPayout(2_000);
    // The worker that sent it recorded the provider's id of a still pending payout, then died.
    await app.prisma.payout.update({
      where: { id: payoutId },
      data: {
        status: "PROCESSING",
        processingAt: new Date(),
        attempts: 1,
        providerPayoutId: `batch-${payoutId}`,
      },
    });
    const sandbox = app.gateways.get("sandbox");
    const lookups: unknown[] = [];
    // Knows nothing in memory: only the provider id core passes can find the payout.
    const restarted: PaymentGateway = {
      ...sandbox,
      capabilities: { ...sandbox.capabilities, payoutLookup: "process" },
      async findPayout(input) {
        lookups.push(input);
        return input.providerPayoutId
          ? { providerPayoutId: input.providerPayoutId, status: "paid" }
          : null;
      },
    };
    const report = await reconcileLater({
      ...app,
      gateways: { ...app.gateways, get: () => restarted },
    });
    const payout = await payoutOf(payoutId);
    // (Other tests' payouts left PROCESSING are looked up in the same pass.)
    expect(
      lookups.filter((input) => (input as { payoutId: string }).payoutId === payoutId),
    ).toEqual([
      { payoutId, idempotencyKey: payout.gatewayKey, providerPayoutId: `batch-${payoutId}` },
    ]);
    expect(report.settled).toContain(payoutId);
    expect(payout.status).toBe("PAID");
    expect(await ledgerIsBalanced(app)).toBe(true);
  });

  it("re-sends execute for an APPROVED payout whose job was lost", async () => {
    const { payoutId } = await approvedPayout(2_000);
    // Lose the queued job.
    await app.boss.deleteAllJobs(executePayoutJob.name);
    expect(await drainJobs(app, [executePayoutJob])).toBe(0);
    const report = await reconcileLater();
    expect(report.reenqueued).toContain(payoutId);
    await drainJobs(app, [executePayoutJob]);
    expect((await payoutOf(payoutId)).status).toBe("PAID");
    expect(await transfersOf(payoutId)).toHaveLength(1);
  });
});
