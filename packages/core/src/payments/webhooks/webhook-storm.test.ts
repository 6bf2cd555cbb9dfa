import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { OutgoingWebhook } from "@mentora/payment-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEventHandlers } from "../../app/job-handlers.ts";
import { createJobRunner } from "../../jobs/runner.ts";
import { accounts, balanceOf } from "../../ledger/index.ts";
import { startBookingPayment } from "../checkout/start-payment.ts";
import { executeRefund } from "../refunds/execute-refund.job.ts";
import { refundPayment } from "../refunds/refund-payment.ts";
import {
  createPaymentsRig,
  ledgerIsBalanced,
  sandboxSignature,
  sandboxWebhookSecret,
} from "../testing/payments-rig.ts";
import { createProcessWebhookJob } from "./process-webhook.job.ts";
import { receiveWebhook } from "./receive-webhook.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let server: Server;
let edge: string;

/** The HTTP edge as the web app serves it: a real socket, the raw body, receiveWebhook. */
function startEdge(): Promise<string> {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const provider = /^\/api\/webhooks\/([a-z0-9-]+)$/.exec(req.url ?? "")?.[1] ?? "";
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const answer = await receiveWebhook(rig.app, request, provider, null);
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

function post(delivery: OutgoingWebhook, headers = delivery.headers, body = delivery.body) {
  const url = new URL(delivery.url);
  return fetch(`${edge}${url.pathname}`, { method: "POST", headers, body });
}

beforeAll(async () => {
  rig = await createPaymentsRig();
  edge = await startEdge();
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rig?.app.close();
});

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the jobs");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("webhook storm", () => {
  it("every event of 30 payments, three times, shuffled and concurrent: each settled once", async () => {
    const { app } = rig;
    const mentorId = rig.fixture.mentor.id;
    const pendingBefore = await balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR"));

    // 30 payments: 20 paid (10 of them then partly refunded), 10 declined. The sandbox's
    // webhooks are captured, none delivered yet: the return URL is never used here.
    const payments: { id: string; bookingId: string; paid: boolean }[] = [];
    for (let n = 0; n < 30; n += 1) {
      const { mentee, booking } = await rig.menteeWithHold();
      const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
      const paid = n % 3 !== 2;
      await rig.payerChooses(started.redirectUrl, paid ? "pay" : "decline");
      payments.push({ id: started.paymentId, bookingId: booking.id, paid });
    }
    expect(payments.filter((p) => p.paid)).toHaveLength(20);
    expect(rig.deliveries).toHaveLength(30);

    // The first wave settles the paid ones (so they can be refunded), through the edge.
    const firstWave = [...rig.deliveries];
    const processWebhookJob = createProcessWebhookJob(webhookEventHandlers);
    const runners = [
      createJobRunner(app, [processWebhookJob]),
      createJobRunner(app, [processWebhookJob]),
    ];
    for (const runner of runners) await runner.start();
    const refunded = payments.filter((p) => p.paid).slice(0, 10);
    await Promise.all(firstWave.map((delivery) => post(delivery)));
    await until(
      async () =>
        (await app.prisma.payment.count({
          where: { id: { in: refunded.map((p) => p.id) }, status: "SUCCEEDED" },
        })) === 10,
      30_000,
    );
    for (const payment of refunded) {
      const refund = await refundPayment(app, {
        paymentId: payment.id,
        amountMinor: 1_000,
        reason: "partial refund",
        cause: `storm:${payment.id}`,
      });
      await executeRefund(app, refund.id);
    }
    expect(rig.deliveries.length).toBe(40);

    // The storm: every event (succeeded, failed, refunded) three times, shuffled, concurrently.
    const storm = shuffle(rig.deliveries.flatMap((delivery) => [delivery, delivery, delivery]));
    const answers = await Promise.all(storm.map((delivery) => post(delivery)));
    expect(answers.map((answer) => answer.status).every((status) => status === 200)).toBe(true);

    await until(
      async () =>
        (await app.prisma.webhookEvent.count({ where: { status: { not: "PROCESSED" } } })) === 0,
      60_000,
    );

    expect(await app.prisma.webhookEvent.count()).toBe(40);
    for (const payment of payments) {
      const row = await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
      expect(row.status).toBe(payment.paid ? "SUCCEEDED" : "FAILED");
      const booking = await app.prisma.booking.findUniqueOrThrow({
        where: { id: payment.bookingId },
      });
      expect(booking.status).toBe(payment.paid ? "CONFIRMED" : "PENDING_PAYMENT");
      const settlements = await app.prisma.ledgerTransaction.count({
        where: { paymentId: payment.id, kind: "PAYMENT" },
      });
      expect(settlements).toBe(payment.paid ? 1 : 0);
    }
    // Each booking confirmed once: one confirmation notice each.
    const confirmations = await app.prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*)::bigint AS count FROM pgboss.job
      WHERE name = 'booking.notify' AND data->>'event' = 'confirmed'
        AND data->>'bookingId' = ANY(${payments.filter((p) => p.paid).map((p) => p.bookingId)})`;
    expect(Number(confirmations[0]?.count)).toBe(20);
    const refunds = await app.prisma.refund.findMany({
      where: { cause: { startsWith: "storm:" } },
    });
    expect(refunds.every((refund) => refund.status === "SUCCEEDED")).toBe(true);

    // 20 × 5000 paid, 10 × 1000 refunded; the mentor keeps 85%.
    expect(await balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR"))).toBe(
      pendingBefore + 0.85 * (20 * 5_000 - 10 * 1_000),
    );
    expect(await balanceOf(app.prisma, accounts.refundsPayable("sandbox", "EUR"))).toBe(0);
    expect(await ledgerIsBalanced(app)).toBe(true);
    // Received: the first wave (30) and the storm (120); all but the 10 refund events were
    // duplicates by then.
    const metrics = await app.telemetry.metrics.render();
    expect(metrics).toMatch(/mentora_webhooks_received_total\{provider="sandbox"\} 150/);
    expect(metrics).toMatch(/mentora_webhooks_duplicate_total\{provider="sandbox"\} 110/);
  }, 120_000);

  it("refuses forged and stale signatures with 400 and stores nothing", async () => {
    const { app } = rig;
    const delivery = rig.deliveries[0];
    if (!delivery) throw new Error("the storm test runs first");
    const before = await app.prisma.webhookEvent.count();
    const tampered = delivery.body.replace("payment.", "payment.x");
    const forged = await post(delivery, delivery.headers, tampered);
    expect(forged.status).toBe(400);
    const wrongKey = await post(delivery, {
      ...delivery.headers,
      "x-sandbox-signature": sandboxSignature("not-the-secret", delivery.body, new Date()),
    });
    expect(wrongKey.status).toBe(400);
    const stale = await post(delivery, {
      ...delivery.headers,
      "x-sandbox-signature": sandboxSignature(
        sandboxWebhookSecret,
        delivery.body,
        new Date(Date.now() - 3_600_000),
      ),
    });
    expect(stale.status).toBe(400);
    const unsigned = await post(delivery, { "content-type": "application/json" });
    expect(unsigned.status).toBe(400);
    const unknown = await fetch(`${edge}/api/webhooks/nobody`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expect(await app.prisma.webhookEvent.count()).toBe(before);
    expect(await app.telemetry.metrics.render()).toMatch(
      /mentora_webhooks_rejected_total\{provider="sandbox",reason="bad_signature"\} 2/,
    );
  });
});
