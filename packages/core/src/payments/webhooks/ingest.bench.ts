import { readFile } from "node:fs/promises";
import { afterAll, test } from "vitest";
import { startBookingPayment } from "../checkout/start-payment.ts";
import {
  createPaymentsRig,
  sandboxSignature,
  sandboxWebhookSecret,
} from "../testing/payments-rig.ts";
import { receiveWebhook, type WebhookDelivery } from "./receive-webhook.ts";

// What one webhook costs at the edge (IP rate limit, signature check, the event stored; its
// processing job is made later by the worker's sweep, decision 070) against the floor: a raw
// INSERT of the same row.
let rig: Awaited<ReturnType<typeof createPaymentsRig>> | undefined;
afterAll(async () => {
  await rig?.app.close();
});

test("webhook ingest: receiveWebhook vs raw INSERT", async ({ bench }) => {
  rig = await createPaymentsRig({ RATE_LIMITS: "webhook-ip=100000000" });
  const { app } = rig;
  const { mentee, booking } = await rig.menteeWithHold();
  const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
  await rig.payerChooses(started.redirectUrl, "pay");
  const [delivery] = rig.deliveries;
  if (!delivery) throw new Error("the sandbox sent no webhook");
  const template = JSON.parse(delivery.body) as Record<string, unknown>;
  const path = new URL(delivery.url).pathname;
  let sequence = 0;
  /** A new event each time (a stored one is a duplicate and costs less). */
  const nextEvent = () => {
    sequence += 1;
    const body = JSON.stringify({ ...template, id: `evt_bench_${sequence}` });
    return { id: `evt_bench_${sequence}`, body };
  };
  // Signed and wrapped in a Request ahead: signing is the provider's work and the Request the
  // HTTP layer's (an HMAC and undici's Request were a third of the edge's CPU here), what is
  // measured starts where the route hands the request over. A signature stays fresh 5 minutes.
  const signedRequest = () => {
    const { body } = nextEvent();
    const headers = {
      "content-type": "application/json",
      "x-sandbox-signature": sandboxSignature(sandboxWebhookSecret, body, new Date()),
    };
    return new Request(`http://bench${path}`, { method: "POST", headers, body });
  };
  // Enough for a run here; more held ahead would cost the heap (and the GC) more than they save.
  const requests = Array.from({ length: 6_000 }, signedRequest);
  const post = (clientIp: string | null) =>
    receiveWebhook(app, requests.pop() ?? signedRequest(), "sandbox", clientIp);
  // What the production server's webhook lane hands over instead (decision 064): node's request
  // line and headers, and the body's bytes as its HTTP parser read them.
  const signedDelivery = (): WebhookDelivery => {
    const { body } = nextEvent();
    const bytes = Buffer.from(body);
    return {
      method: "POST",
      url: path,
      headers: {
        "content-type": "application/json",
        "content-length": String(bytes.byteLength),
        "x-sandbox-signature": sandboxSignature(sandboxWebhookSecret, body, new Date()),
      },
      body: async () => bytes,
    };
  };
  const deliveries = Array.from({ length: 6_000 }, signedDelivery);
  await bench.compare(
    bench("receiveWebhook in-process (limiter, signature, event)", async () => {
      const answer = await post("203.0.113.7");
      if (answer.status !== 200 || answer.body.stored !== 1) throw new Error("not stored");
    }),
    bench("receiveWebhook in-process, the server lane's delivery (body bytes read)", async () => {
      const delivery = deliveries.pop() ?? signedDelivery();
      const answer = await receiveWebhook(app, delivery, "sandbox", "203.0.113.7");
      if (answer.status !== 200 || answer.body.stored !== 1) throw new Error("not stored");
    }),
    bench("floor: raw INSERT of the same row", async () => {
      const { id, body } = nextEvent();
      await app.pool.query(
        `INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody")
         VALUES (gen_random_uuid(), 'sandbox', $1, 'payment.succeeded', $2::jsonb, $3)`,
        [id, body, body],
      );
    }),
    { time: 3_000, warmupTime: 300 },
  );
  // Not a timing (decision 064): CPU (user + system) per call of this process and of the
  // database's Postgres backends (from /proc), steadier than wall time on a loaded machine.
  const calls = 1_000;
  const backendCpu = async (pids: number[]) => {
    let total = 0;
    for (const pid of pids) {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      const fields = stat.split(") ")[1]?.split(" ") ?? [];
      total += (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
    }
    return total;
  };
  const measure = async (call: () => Promise<unknown>) => {
    const { rows } = await app.pool.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
    );
    const pids = rows.map((row) => row.pid);
    const db = await backendCpu(pids);
    const own = process.cpuUsage();
    for (let i = 0; i < calls; i += 1) await call();
    const spent = process.cpuUsage(own);
    return {
      node: ((spent.user + spent.system) / 1000 / calls).toFixed(3),
      db: (((await backendCpu(pids)) - db) / calls).toFixed(3),
    };
  };
  const target = await measure(() => post("203.0.113.7"));
  const floor = await measure(() => {
    const { id, body } = nextEvent();
    return app.pool.query(
      `INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody")
       VALUES (gen_random_uuid(), 'sandbox', $1, 'payment.succeeded', $2::jsonb, $3)`,
      [id, body, body],
    );
  });
  process.stderr.write(
    `webhook ingest in-process, CPU ms per call: receiveWebhook node ${target.node}, ` +
      `Postgres ${target.db}; raw INSERT node ${floor.node}, Postgres ${floor.db}\n`,
  );
}, 300_000);
