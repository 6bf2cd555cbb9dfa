import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import {
  createProcessWebhookJob,
  invoiceRenderJob,
  webhookEventHandlers,
} from "../app/job-handlers.ts";
import type { AppServices } from "../app/types.ts";
import { issueInvoiceForPayment, renderInvoice } from "../invoices/index.ts";
import { receiveWebhook, startBookingPayment } from "../payments/index.ts";
import { createPaymentsRig } from "../payments/testing/payments-rig.ts";
import { createQueues } from "./index.ts";
import { createJobRunner, type JobRunner } from "./runner.ts";
import { insertAndDrain, noopTwinOf } from "./testing/throughput.ts";

// Jobs drained per second by a running worker (the runner as the worker starts it), a burst of
// jobs inserted at once, against the floor: a no-op handler on a queue with the same settings.
// Each iteration drains one burst, so jobs/s = burst size / the iteration's time.
const scale = Number(process.env.BENCH_SCALE ?? 1);
const burst = 100 * scale;
const runOptions = { time: 0, iterations: 3, warmupIterations: 1, warmupTime: 0 };

const SELLER_ENV = {
  INVOICE_SELLER_LEGAL_NAME: "Mentora Bench SAS",
  INVOICE_SELLER_LEGAL_FORM: "SAS",
  INVOICE_SELLER_ADDRESS: "1 rue du Banc|75011 Paris|France",
  INVOICE_SELLER_SIREN: "912 345 678",
  INVOICE_SELLER_SIRET: "912 345 678 00017",
  INVOICE_SELLER_RCS: "RCS Paris 912 345 678",
  INVOICE_SELLER_SHARE_CAPITAL: "10 000 €",
  INVOICE_SELLER_VAT_NUMBER: "FR32912345678",
  INVOICE_SELLER_EMAIL: "facturation@mentora.example",
};

let rig: Awaited<ReturnType<typeof createPaymentsRig>> | undefined;
const runners: JobRunner[] = [];
afterAll(async () => {
  for (const runner of runners) await runner.stop(5_000);
  await rig?.app.close();
});

/** Paid bookings through the sandbox; their webhooks are captured in rig.deliveries. */
async function paidPayments(app: App, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const { mentee, booking } = await rig!.menteeWithHold();
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    await rig!.payerChooses(started.redirectUrl, "pay");
    ids.push(started.paymentId);
  }
  return ids;
}

const webhookJob = createProcessWebhookJob(webhookEventHandlers);
const invoiceNoop = noopTwinOf<AppServices>(invoiceRenderJob);
const webhookNoop = noopTwinOf<AppServices>(webhookJob);

/** One app and one running worker for both groups (stopping a runner stops its pg-boss). */
async function setUp() {
  if (rig) return rig;
  rig = await createPaymentsRig(SELLER_ENV);
  await createQueues(rig.app.boss, [invoiceNoop, webhookNoop]);
  const runner = createJobRunner(rig.app, [invoiceRenderJob, invoiceNoop, webhookJob, webhookNoop]);
  runners.push(runner);
  await runner.start();
  return rig;
}

/** Stores (and enqueues) every webhook the sandbox sent since the last call, as its endpoint does. */
async function receivePendingWebhooks(app: App) {
  for (const delivery of rig!.deliveries.splice(0)) {
    const url = new URL(delivery.url);
    await receiveWebhook(
      app,
      new Request(`http://bench${url.pathname}`, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
      }),
      "sandbox",
      null,
    );
  }
}

test("pg-boss jobs: invoice.render vs no-op", async ({ bench }) => {
  const { app } = await setUp();
  const [paymentId] = await paidPayments(app, 1);
  // Settles the payment (the webhook job), then one issued invoice every job re-renders: a
  // re-render does the whole rendering and compares it with the stored file.
  await receivePendingWebhooks(app);
  for (;;) {
    const payment = await app.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    if (payment.status === "SUCCEEDED") break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const invoice = await issueInvoiceForPayment(app, paymentId as string);
  if (!invoice) throw new Error("no invoice issued");
  await renderInvoice(app, invoice.id);

  const noop = invoiceNoop;
  const data = Array.from({ length: burst }, () => ({ kind: "document", invoiceId: invoice.id }));
  await bench.compare(
    bench(`invoice.render, ${burst} jobs drained`, async () => {
      await insertAndDrain(app.boss, app.pool, invoiceRenderJob.name, data);
    }),
    bench(`floor: no-op job, same settings, ${burst} jobs drained`, async () => {
      await insertAndDrain(app.boss, app.pool, noop.name, data);
    }),
    runOptions,
  );
}, 600_000);

test("pg-boss jobs: webhook.process vs no-op", async ({ bench }) => {
  const { app } = await setUp();
  // Stored events of 25 paid payments, each stored under 4 event ids (a provider's resends):
  // each round sets them back to RECEIVED so every job does the whole processing again (asks
  // the provider, settles idempotently, marks PROCESSED).
  const payments = 25;
  await paidPayments(app, payments);
  await receivePendingWebhooks(app);
  const stored = await app.prisma.webhookEvent.findMany({
    orderBy: { receivedAt: "desc" },
    take: payments,
  });
  await app.prisma.webhookEvent.createMany({
    data: Array.from({ length: burst - payments }, (_, n) => {
      const event = stored[n % payments]!;
      return {
        provider: event.provider,
        eventId: `${event.eventId}-resend-${n}`,
        type: event.type,
        payload: event.payload as object,
        rawBody: event.rawBody,
      };
    }),
  });
  const events = await app.prisma.webhookEvent.findMany({
    orderBy: { receivedAt: "desc" },
    take: burst,
    select: { id: true },
  });
  const ids = events.map((event) => event.id);
  const job = webhookJob;
  const noop = webhookNoop;
  const data = ids.map((webhookEventId) => ({ webhookEventId }));
  await bench.compare(
    bench(`webhook.process, ${data.length} jobs drained`, async () => {
      await app.prisma.webhookEvent.updateMany({
        where: { id: { in: ids } },
        data: { status: "RECEIVED" },
      });
      await insertAndDrain(app.boss, app.pool, job.name, data);
    }),
    bench(`floor: no-op job, same settings, ${data.length} jobs drained`, async () => {
      await app.prisma.webhookEvent.updateMany({
        where: { id: { in: ids } },
        data: { status: "RECEIVED" },
      });
      await insertAndDrain(app.boss, app.pool, noop.name, data);
    }),
    runOptions,
  );
}, 600_000);
