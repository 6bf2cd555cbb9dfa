import { createPool } from "@mentora/db";
import { signSandboxPayload } from "@mentora/gateway-sandbox";
import { afterAll, expect, inject, test } from "vitest";
import "../e2e/context.ts";
import { type ServerPair, startServerPair } from "../e2e/servers.ts";

// Gateway webhooks against the BUILT web server (`pnpm --filter @mentora/web build` first):
// one iteration is REQUESTS signed POSTs of new events, CONCURRENCY in flight (the provider's
// retry burst), beside its floor, the same INSERT of the same rows over CONCURRENCY pooled
// connections from this process. Signing is done ahead: it is the provider's work.
const REQUESTS = 100;
const CONCURRENCY = 8;
const quick = Boolean(process.env.BENCH_QUICK);
const run = { time: 0, iterations: quick ? 4 : 8, warmupIterations: 1, warmupTime: 0 };
const secret = "whsec_bench_webhook_ingest";

let pair: ServerPair | undefined;
let pool: ReturnType<typeof createPool> | undefined;
afterAll(async () => {
  await pool?.end();
  await pair?.stop();
});

/** Runs `count` calls of `call`, `concurrency` at a time. */
async function burst(call: (index: number) => Promise<void>, count = REQUESTS) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await call(index);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

test("web: webhook ingest POST /api/webhooks/sandbox vs INSERT over as many connections", async ({
  bench,
}) => {
  // No worker: draining the jobs would compete for the cores with what is measured.
  pair = await startServerPair(inject("webDbRun"), {
    label: "bench-ingest",
    worker: false,
    env: {
      SANDBOX_WEBHOOK_SECRET: secret,
      // BENCH_WEB_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
      ...(process.env.BENCH_WEB_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_WEB_NODE_OPTIONS }
        : {}),
    },
  });
  pool = createPool(pair.databaseUrl, { max: CONCURRENCY });
  const { baseUrl } = pair;
  const db = pool;
  let sequence = 0;
  const nextBody = () => {
    sequence += 1;
    return JSON.stringify({
      id: `evt_http_bench_${sequence}`,
      type: "payment.succeeded",
      created: Math.floor(Date.now() / 1000),
      data: { providerPaymentId: `pay_http_bench_${sequence}` },
    });
  };
  const sign = () => {
    const body = nextBody();
    return { body, signature: signSandboxPayload(secret, body, new Date()) };
  };
  // tinybench may run a few more rounds than asked: past these, signing is counted.
  const signed = Array.from({ length: REQUESTS * 3 * (run.iterations + 2) }, sign);
  let posted = 0;
  const post = async () => {
    posted += 1;
    const delivery = signed.pop() ?? sign();
    const response = await fetch(`${baseUrl}/api/webhooks/sandbox`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-sandbox-signature": delivery.signature },
      body: delivery.body,
    });
    const answer = (await response.json()) as { stored?: number };
    if (response.status !== 200 || answer.stored !== 1) {
      throw new Error(`webhook not stored: HTTP ${response.status} ${JSON.stringify(answer)}`);
    }
  };
  await post();
  expect(Number((await db.query("SELECT count(*) FROM webhook_event")).rows[0]?.count)).toBe(1);
  await bench.compare(
    bench("POST /api/webhooks/sandbox (limiter, signature, event + job)", () => burst(post)),
    bench("floor: INSERT of the same row over as many connections", () =>
      burst(async () => {
        const body = nextBody();
        await db.query(
          `INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody")
           VALUES (gen_random_uuid(), 'sandbox', $1, 'payment.succeeded', $2::jsonb, $3)`,
          [`floor_${sequence}`, body, body],
        );
      }),
    ),
    run,
  );
  process.stderr.write(`webhook ingest bench: ${posted} POSTs, ${signed.length} signed left\n`);
});
