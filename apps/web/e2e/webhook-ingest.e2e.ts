import { createPool } from "@mentora/db";
import { signSandboxPayload } from "@mentora/gateway-sandbox";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./context.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

// The gateway webhook edge of the BUILT server (decision 070: the statement stores the event
// alone, the worker's sweep gives it its one job; 064: the server's own webhook lane,
// concurrent deliveries share one statement): refusals keep their stable codes, a duplicate
// race stores one event and one job, a failed statement fails every delivery in it, one bad
// event fails alone.
const secret = "whsec_e2e_webhook_ingest";
let servers: ServerPair;
let pool: ReturnType<typeof createPool>;
beforeAll(async () => {
  // With the worker: its sweep makes each stored event's job (the events name no payment of
  // ours, so their jobs fail and wait for a retry, still one job row each to be counted).
  servers = await startServerPair(inject("webDbRun"), {
    label: "ingest",
    // The failing jobs' warnings are expected: errors only.
    env: { SANDBOX_WEBHOOK_SECRET: secret, LOG_LEVEL: "error" },
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

function signedPost(eventId: string) {
  const body = eventBody(eventId);
  return post(body, signSandboxPayload(secret, body, new Date()));
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

/** The events of this id and their jobs, once the worker's sweep made them. */
async function sweptOf(eventId: string) {
  let stored = await storedOf(eventId);
  await expect
    .poll(async () => {
      stored = await storedOf(eventId);
      return stored.jobs.length;
    })
    .toBe(stored.events.length);
  return stored;
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
    const { events, jobs } = await sweptOf("evt_e2e_race");
    expect(events).toHaveLength(1);
    expect(jobs).toEqual(events);
  });
  it("forty deliveries at once, copies among them: each event stored once with its one job", async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `evt_e2e_burst_${i}`);
    // Ten copies of ten of them in the same burst (a provider's retry racing its first try).
    const deliveries = [...ids, ...ids.slice(0, 10)];
    const answers = await Promise.all(
      deliveries.map(async (id) => {
        const response = await signedPost(id);
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(200));
    const total = (key: "stored" | "duplicates") =>
      answers.reduce((sum, answer) => sum + Number(answer.body[key] ?? 0), 0);
    expect(total("stored")).toBe(30);
    expect(total("duplicates")).toBe(10);
    for (const id of ids) {
      const { events, jobs } = await sweptOf(id);
      expect(events).toHaveLength(1);
      expect(jobs).toEqual(events);
    }
  });

  it("a statement that fails answers 5xx to every delivery in it and stores none of them", async () => {
    // Not one row's data: the whole batch fails (as a database error would).
    await pool.query(`CREATE FUNCTION e2e_refuse_events() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'event table unavailable'; END $$`);
    await pool.query(`CREATE TRIGGER e2e_refuse_events BEFORE INSERT ON webhook_event
      FOR EACH ROW EXECUTE FUNCTION e2e_refuse_events()`);
    const ids = Array.from({ length: 12 }, (_, i) => `evt_e2e_failed_${i}`);
    let statuses: number[];
    try {
      statuses = await Promise.all(ids.map(async (id) => (await signedPost(id)).status));
    } finally {
      await pool.query("DROP TRIGGER e2e_refuse_events ON webhook_event");
      await pool.query("DROP FUNCTION e2e_refuse_events()");
    }
    expect(statuses).toEqual(Array(12).fill(500));
    for (const id of ids) expect(await storedOf(id)).toEqual({ events: [], jobs: [] });
    // The provider's retries then go through, each stored once.
    const retried = await Promise.all(ids.map(async (id) => (await signedPost(id)).json()));
    expect(retried.every((answer) => answer.stored === 1)).toBe(true);
  });

  it("one event the database refuses fails alone: the deliveries beside it are stored", async () => {
    // A NUL in the event id: Postgres text refuses it (a row's own error).
    const ids = Array.from({ length: 8 }, (_, i) => `evt_e2e_beside_poison_${i}`);
    const [poisoned, ...others] = await Promise.all(
      ["evt_e2e_poison_\u0000", ...ids].map(async (id) => {
        const response = await signedPost(id);
        return { status: response.status, body: await response.text() };
      }),
    );
    expect(poisoned?.status).toBe(500);
    expect(others.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    for (const id of ids) {
      const { events, jobs } = await sweptOf(id);
      expect(events).toHaveLength(1);
      expect(jobs).toEqual(events);
    }
  });
});
