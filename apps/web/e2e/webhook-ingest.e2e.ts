import { createPool } from "@mentora/db";
import { signSandboxPayload } from "@mentora/gateway-sandbox";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./context.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

// The gateway webhook edge of the BUILT server (decision 055: one statement stores the event
// and its job): refusals keep their stable codes, a duplicate race stores one event and one job.
const secret = "whsec_e2e_webhook_ingest";
let servers: ServerPair;
let pool: ReturnType<typeof createPool>;
beforeAll(async () => {
  // No worker: the job each stored event gets stays in the queue to be counted.
  servers = await startServerPair(inject("webDbRun"), {
    label: "ingest",
    worker: false,
    env: { SANDBOX_WEBHOOK_SECRET: secret },
  });
  pool = createPool(servers.databaseUrl, { max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await servers?.stop();
});

function eventBody(eventId: string): string {
  return JSON.stringify({
    id: eventId,
    type: "payment.succeeded",
    created: Math.floor(Date.now() / 1000),
    data: { providerPaymentId: `pay_${eventId}` },
  });
}

function post(body: string, signature: string | undefined) {
  return fetch(`${servers.baseUrl}/api/webhooks/sandbox`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signature ? { "x-sandbox-signature": signature } : {}),
    },
    body,
  });
}

async function storedOf(eventId: string) {
  const events = await pool.query<{ id: string }>(
    `SELECT id FROM webhook_event WHERE provider = 'sandbox' AND "eventId" = $1`,
    [eventId],
  );
  const ids = events.rows.map((row) => row.id);
  const jobs = await pool.query<{ id: string }>(
    `SELECT data->>'webhookEventId' AS id FROM pgboss.job
     WHERE name = 'webhook.process' AND data->>'webhookEventId' = ANY($1)`,
    [ids],
  );
  return { events: ids, jobs: jobs.rows.map((row) => row.id) };
}

describe("gateway webhooks over HTTP", () => {
  it("refuses a forged, a re-signed and an unsigned body with their codes, storing nothing", async () => {
    const body = eventBody("evt_e2e_forged");
    const forged = await post(body, signSandboxPayload("not-the-secret", body, new Date()));
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ received: false, error: "bad_signature" });
    // A genuine signature over another body does not cover this one.
    const other = eventBody("evt_e2e_other");
    const swapped = await post(body, signSandboxPayload(secret, other, new Date()));
    expect(swapped.status).toBe(400);
    expect(await swapped.json()).toEqual({ received: false, error: "bad_signature" });
    const unsigned = await post(body, undefined);
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ received: false, error: "missing_signature" });
    expect(await storedOf("evt_e2e_forged")).toEqual({ events: [], jobs: [] });
  });

  it("the same event eight times at once: one event stored, one job, seven duplicates", async () => {
    const body = eventBody("evt_e2e_race");
    const signature = signSandboxPayload(secret, body, new Date());
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const response = await post(body, signature);
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    const total = (key: "stored" | "duplicates") =>
      answers.reduce((sum, answer) => sum + Number(answer.body[key] ?? 0), 0);
    expect(total("stored")).toBe(1);
    expect(total("duplicates")).toBe(7);
    const { events, jobs } = await storedOf("evt_e2e_race");
    expect(events).toHaveLength(1);
    expect(jobs).toEqual(events);
  });
});
