import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import {
  createProcessWebhookJob,
  invoiceRenderJob as invoiceRenderContractJob,
  webhookEventHandlers,
} from "../app/job-handlers.ts";
import type { AppServices } from "../app/types.ts";
import { documentOf } from "../invoices/index.ts";
import { receiveWebhook, startBookingPayment } from "../payments/index.ts";
import { createPaymentsRig } from "../payments/testing/payments-rig.ts";
import { defineHandler } from "./define.ts";
import { createQueues } from "./index.ts";
import { createJobRunner, type JobRunner } from "./runner.ts";
import { countStatements, insertAndDrain, noopTwinOf } from "./testing/throughput.ts";

// Jobs drained per second by a running worker (the runner as the worker starts it), a burst of
// jobs inserted at once, against the floor: a no-op handler on a queue with the same settings.
// Each iteration drains one burst, so jobs/s = burst size / the iteration's time (printed after
// each group). Full mode (BENCH_SCALE=10) drains the goals themselves: 1,000 invoices
// job→stored and a 10,000-event webhook storm. INVOICE_RENDER_THREADS=0 measures the renders
// on the event loop (before decision 054); BENCH_INVOICE_RENDER=stub the job without its render.
const scale = Number(process.env.BENCH_SCALE ?? 1);
const invoiceBurst = 100 * scale;
const webhookBurst = 1_000 * scale;
// One drain per round at BENCH_SCALE=10: each is already 1,000 invoices (≈ 1 min here) or a
// 10,000-event storm, and the suite's rounds repeat it (decision 074: 3 drains of 1,000 invoices
// per group made this file 13.5 min of every round). Three rounds: each figure is a drain of
// 1,000 jobs, and the spread of the render-bound groups over rounds is tight.
// bench-rounds: 3
const runOptions = {
  time: 0,
  iterations: process.env.BENCH_QUICK ? 2 : scale >= 10 ? 1 : 3,
  warmupIterations: 0,
};

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

/** BENCH_INVOICE_WORK / BENCH_WEBHOOK_WORK="<concurrency>x<batchSize>" try other settings. */
function withWork<Job extends { work?: object }>(job: Job, setting: string | undefined): Job {
  const match = setting ? /^(\d+)x(\d+)$/.exec(setting) : null;
  return match
    ? { ...job, work: { concurrency: Number(match[1]), batchSize: Number(match[2]) } }
    : job;
}
const invoiceRenderJob = withWork(invoiceRenderContractJob, process.env.BENCH_INVOICE_WORK);
const webhookJob = withWork(
  createProcessWebhookJob(webhookEventHandlers),
  process.env.BENCH_WEBHOOK_WORK,
);
const invoiceNoop = noopTwinOf<AppServices>(invoiceRenderJob);
const webhookNoop = noopTwinOf<AppServices>(webhookJob);
// The honest floor of invoice.render (decision 073): a job with the same settings that only
// renders the same document in the same render threads (a no-op job plus the render), so the
// pg-boss overhead and the renders overlap exactly as they can in the real job.
type RenderArgs = Parameters<AppServices["invoiceRenderer"]["render"]>;
let renderOnly: { doc: RenderArgs[0]; format: RenderArgs[1] } | undefined;
const invoiceRenderOnly = defineHandler(
  { ...invoiceNoop, name: `${invoiceRenderJob.name}.render-only` },
  async (_data, services: AppServices) => {
    if (!renderOnly) throw new Error("no document to render yet");
    await services.invoiceRenderer.render(renderOnly.doc, renderOnly.format);
  },
);

// Statements per job: what the machine's load does not move (decision 073).
const statements = countStatements();

/** One app and one running worker for both groups (stopping a runner stops its pg-boss). */
async function setUp() {
  if (rig) return rig;
  // The settings a run may vary (e.g. INVOICE_RENDER_THREADS=0, DATABASE_POOL_MAX=10).
  const overrides = Object.fromEntries(
    ["INVOICE_RENDER_THREADS", "DATABASE_POOL_MAX", "WORKER_DATABASE_POOL_MAX"].flatMap((name) =>
      process.env[name] ? [[name, process.env[name] as string]] : [],
    ),
  );
  rig = await createPaymentsRig({ ...SELLER_ENV, ...overrides });
  if (process.env.BENCH_INVOICE_RENDER === "stub") {
    // The job without its render (each PDF is the first one's bytes): what the job itself
    // costs around the render, its reads, store upload and writes (decision 063).
    const real = rig.app.invoiceRenderer;
    let first: Promise<Uint8Array> | undefined;
    rig.app.invoiceRenderer = {
      render: (doc, format) => {
        first ??= real.render(doc, format);
        return first;
      },
      close: () => real.close(),
    };
  }
  await createQueues(rig.app.boss, [invoiceNoop, invoiceRenderOnly, webhookNoop]);
  const runner = createJobRunner(rig.app, [
    invoiceRenderJob,
    invoiceNoop,
    invoiceRenderOnly,
    webhookJob,
    webhookNoop,
  ]);
  runners.push(runner);
  await runner.start();
  return rig;
}

/** Waits until these payments are SUCCEEDED, every stored event PROCESSED and these queues idle. */
async function settledAndIdle(app: App, paymentIds: string[], queues: string[]) {
  for (;;) {
    const open = await app.prisma.payment.count({
      where: { id: { in: paymentIds }, status: { not: "SUCCEEDED" } },
    });
    const unprocessed = await app.prisma.webhookEvent.count({
      where: { status: { not: "PROCESSED" } },
    });
    const { rows } = await app.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job
       WHERE name = ANY($1::text[]) AND state IN ('created', 'retry', 'active')`,
      [queues],
    );
    if (open === 0 && unprocessed === 0 && rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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

/** Drains the burst and returns jobs/s, so each group can print its rates. */
async function timedDrain(app: App, queue: string, data: object[], rates: number[]) {
  await timed(data.length, rates, () => insertAndDrain(app.boss, app.pool, queue, data));
}

/** Runs `work` (jobs of it), recording jobs/s, CPU and statements per job under `rates`. */
async function timed(jobs: number, rates: number[], work: () => Promise<unknown>) {
  const cpu = process.cpuUsage();
  const sent = statements();
  const started = performance.now();
  await work();
  rates.push((jobs * 1000) / (performance.now() - started));
  // This process's CPU (the worker's event loop and its render threads) per job: what the
  // shared cores' load does not move as much as the wall clock.
  const used = process.cpuUsage(cpu);
  const add = (map: WeakMap<number[], number[]>, value: number) =>
    map.set(rates, [...(map.get(rates) ?? []), value]);
  add(cpuMsPerJob, (used.user + used.system) / 1000 / jobs);
  add(statementsPerJob, (statements() - sent) / jobs);
}
const cpuMsPerJob = new WeakMap<number[], number[]>();
const statementsPerJob = new WeakMap<number[], number[]>();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

function reportRates(group: string, target: number[], floor: number[]) {
  const cpu = (rates: number[]) => median(cpuMsPerJob.get(rates) ?? []).toFixed(2);
  const sent = (rates: number[]) => median(statementsPerJob.get(rates) ?? []).toFixed(1);
  // A bench's own report line (not a log): what the group name's "jobs/s" reads from.
  process.stdout.write(
    `${group}: ${median(target).toFixed(1)} jobs/s, floor ${median(floor).toFixed(1)} jobs/s ` +
      `(${((100 * median(target)) / median(floor)).toFixed(0)} %); ` +
      `process CPU ${cpu(target)} ms/job, floor ${cpu(floor)} ms/job; ` +
      `statements ${sent(target)}/job, floor ${sent(floor)}/job\n`,
  );
  // Every round's figures too: a one-round run (BENCH_SCALE=10) has no median to hide in.
  const each = (rates: number[]) =>
    rates
      .map((rate, n) => `${rate.toFixed(0)}/s ${(cpuMsPerJob.get(rates) ?? [])[n]?.toFixed(2)} ms`)
      .join(", ");
  process.stdout.write(`${group} rounds: target ${each(target)}; floor ${each(floor)}\n`);
}

/** A paid booking payment settled by its webhook job: the template of the invoiced payments. */
async function settledPayment(app: App) {
  const [paymentId] = await paidPayments(app, 1);
  await receivePendingWebhooks(app);
  for (;;) {
    const payment = await app.prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
    if (payment.status === "SUCCEEDED") return payment;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * New paid payments to invoice, `count` copies of a settled one (as the numbering test makes
 * them), as invoice.render jobs' data: each job issues, renders and stores a new invoice.
 */
async function invoiceJobsMaker(app: App) {
  const { id: _id, createdAt: _c, updatedAt: _u, ...template } = await settledPayment(app);
  return async (count: number) => {
    const rows = await app.prisma.payment.createManyAndReturn({
      data: Array.from({ length: count }, () => ({
        ...template,
        providerPaymentId: null,
        refundedMinor: 0,
      })),
      select: { id: true },
    });
    return rows.map((row) => ({ kind: "invoice", paymentId: row.id }));
  };
}

/** The document (and format) the invoice jobs render: one issued the same way. */
async function sampleDocument(app: App, newPayments: (count: number) => Promise<object[]>) {
  const sample = await newPayments(1);
  await insertAndDrain(app.boss, app.pool, invoiceRenderJob.name, sample);
  const issued = await app.prisma.invoice.findFirstOrThrow({
    where: { paymentId: (sample[0] as { paymentId: string }).paymentId },
  });
  return {
    doc: documentOf(issued),
    format: issued.format === "FACTURX" ? ("facturx" as const) : ("pdf" as const),
  };
}

/**
 * The target of the invoice.render groups: a burst of new paid payments invoiced job→stored
 * (issue, render, store). The payments are made before each round, outside the measured time.
 */
function invoicesJobToStored(
  app: App,
  newPayments: (count: number) => Promise<object[]>,
  rates: number[],
) {
  let next: object[] = [];
  return [
    `invoice.render, ${invoiceBurst} invoices job→stored`,
    {
      beforeEach: async () => {
        next = await newPayments(invoiceBurst);
      },
    },
    async () => {
      await timedDrain(app, invoiceRenderJob.name, next, rates);
    },
  ] as const;
}

test("pg-boss jobs: invoice.render vs no-op", async ({ bench }) => {
  const { app } = await setUp();
  const newPayments = await invoiceJobsMaker(app);
  // Warm-up: the render threads load react-pdf and the fonts on their first document.
  await insertAndDrain(app.boss, app.pool, invoiceRenderJob.name, await newPayments(4));
  const rates = { target: [] as number[], floor: [] as number[] };
  const noopData = Array.from({ length: invoiceBurst }, () => ({ kind: "noop" }));
  await bench.compare(
    bench(...invoicesJobToStored(app, newPayments, rates.target)),
    bench(`floor: no-op job, same settings, ${invoiceBurst} jobs drained`, async () => {
      await timedDrain(app, invoiceNoop.name, noopData, rates.floor);
    }),
    runOptions,
  );
  reportRates("invoice.render", rates.target, rates.floor);
}, 1_800_000);

test("pg-boss jobs: invoice.render vs its renders alone", async ({ bench }) => {
  const { app } = await setUp();
  // The CPU-bound part alone: the same number of renders through the same render threads,
  // nothing else (render time × jobs / threads). The target is the whole job→stored.
  const newPayments = await invoiceJobsMaker(app);
  const { doc, format } = await sampleDocument(app, newPayments);
  const rates = { target: [] as number[], floor: [] as number[] };
  await bench.compare(
    bench(...invoicesJobToStored(app, newPayments, rates.target)),
    bench(`floor: ${invoiceBurst} renders in the render threads alone`, async () => {
      await timed(invoiceBurst, rates.floor, () =>
        Promise.all(
          Array.from({ length: invoiceBurst }, () => app.invoiceRenderer.render(doc, format)),
        ),
      );
    }),
    runOptions,
  );
  reportRates("invoice.render vs its renders", rates.target, rates.floor);
}, 1_800_000);

test("pg-boss jobs: invoice.render vs a job that only renders", async ({ bench }) => {
  const { app } = await setUp();
  // The floor the issue means by "the handler's own time" for a CPU-bound job (decision 073):
  // a no-op job with the same settings that also renders the same document in the same render
  // threads. Its time is the pg-boss overhead and the renders, overlapped as the real job can
  // overlap them; what the target adds is the invoice's own work: issue (numbering lock), the
  // store upload, the recording transaction and its event.
  const newPayments = await invoiceJobsMaker(app);
  renderOnly = await sampleDocument(app, newPayments);
  const renderData = Array.from({ length: invoiceBurst }, () => ({ kind: "render-only" }));
  const rates = { target: [] as number[], floor: [] as number[] };
  await bench.compare(
    bench(...invoicesJobToStored(app, newPayments, rates.target)),
    bench(
      `floor: a job that only renders the same document, same settings, ${invoiceBurst} jobs drained`,
      async () => {
        await timedDrain(app, invoiceRenderOnly.name, renderData, rates.floor);
      },
    ),
    runOptions,
  );
  reportRates("invoice.render vs a job that only renders", rates.target, rates.floor);
}, 1_800_000);

test("pg-boss jobs: another queue while invoices render vs alone", async ({ bench }) => {
  const { app } = await setUp();
  // The worker's other queues while a burst of invoices renders: with the renders on the event
  // loop every other job waits behind them; in render threads they keep flowing.
  const newPayments = await invoiceJobsMaker(app);
  const noopData = Array.from({ length: invoiceBurst }, () => ({ kind: "noop" }));
  const rates = { target: [] as number[], floor: [] as number[] };
  let rendering: Promise<void> = Promise.resolve();
  await bench.compare(
    bench(
      `${invoiceBurst} no-op jobs drained while ${invoiceBurst} invoices render`,
      {
        beforeEach: async () => {
          rendering = insertAndDrain(
            app.boss,
            app.pool,
            invoiceRenderJob.name,
            await newPayments(invoiceBurst),
          );
          // Once the first invoices are in flight.
          await new Promise((resolve) => setTimeout(resolve, 500));
        },
        afterEach: () => rendering,
      },
      async () => {
        await timedDrain(app, webhookNoop.name, noopData, rates.target);
      },
    ),
    bench(`floor: ${invoiceBurst} no-op jobs drained alone`, async () => {
      await timedDrain(app, webhookNoop.name, noopData, rates.floor);
    }),
    runOptions,
  );
  reportRates("another queue while invoices render", rates.target, rates.floor);
}, 1_800_000);

test("pg-boss jobs: webhook.process vs no-op", async ({ bench }) => {
  const { app } = await setUp();
  // Stored events of 25 paid payments, each stored under many event ids (a provider's resends):
  // each round sets them back to RECEIVED, not yet tried, so every job does a first try's whole
  // processing again (asks the provider, settles idempotently, marks PROCESSED). Before decision
  // 063 the attempts were not reset: every round after the first measured retries.
  const payments = 25;
  const paymentIds = await paidPayments(app, payments);
  await receivePendingWebhooks(app);
  // Every round drains the same work: resends of settled payments. The first confirmations
  // (one mentor's ledger lock taken 25 times, the invoices they render) finish here, not in
  // the first measured round, where they landed or not depending on timing; at BENCH_SCALE=10,
  // one round per group, that round was the whole figure (decision 079).
  await settledAndIdle(app, paymentIds, [webhookJob.name, invoiceRenderJob.name]);
  const stored = await app.prisma.webhookEvent.findMany({
    orderBy: { receivedAt: "desc" },
    take: payments,
  });
  await app.prisma.webhookEvent.createMany({
    data: Array.from({ length: webhookBurst - payments }, (_, n) => {
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
    take: webhookBurst,
    select: { id: true },
  });
  const ids = events.map((event) => event.id);
  const job = webhookJob;
  const noop = webhookNoop;
  const data = ids.map((webhookEventId) => ({ webhookEventId }));
  const rates = { target: [] as number[], floor: [] as number[] };
  await bench.compare(
    bench(`webhook.process, a storm of ${data.length} events drained`, async () => {
      await app.prisma.webhookEvent.updateMany({
        where: { id: { in: ids } },
        data: { status: "RECEIVED", attempts: 0 },
      });
      await timedDrain(app, job.name, data, rates.target);
    }),
    bench(`floor: no-op job, same settings, ${data.length} jobs drained`, async () => {
      await app.prisma.webhookEvent.updateMany({
        where: { id: { in: ids } },
        data: { status: "RECEIVED", attempts: 0 },
      });
      await timedDrain(app, noop.name, data, rates.floor);
    }),
    runOptions,
  );
  reportRates("webhook.process", rates.target, rates.floor);
}, 1_800_000);
