import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPaymentsRig,
  sandboxSignature,
  sandboxWebhookSecret,
} from "../testing/payments-rig.ts";
import { enqueueStoredWebhookEvents } from "./enqueue-webhook-events.ts";
import { receiveWebhook } from "./receive-webhook.ts";

// The ingest statement stores the event alone (decision 070; group-committed, 064); the
// worker's sweep creates its webhook.process job, job id = event id.
let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig();
});
afterAll(async () => {
  await rig?.app.close();
});

function post(eventId: string, clientIp: string | null = null) {
  const body = JSON.stringify({
    id: eventId,
    type: "payment.succeeded",
    created: Math.floor(Date.now() / 1000),
    data: { providerPaymentId: `pay_${eventId}` },
  });
  const headers = {
    "content-type": "application/json",
    "x-sandbox-signature": sandboxSignature(sandboxWebhookSecret, body, new Date()),
  };
  return receiveWebhook(
    rig.app,
    new Request("http://edge/api/webhooks/sandbox", { method: "POST", headers, body }),
    "sandbox",
    clientIp,
  );
}

/** The stored events of this id and the webhook.process jobs that point at them. */
async function storedOf(eventId: string) {
  const events = await rig.app.prisma.webhookEvent.findMany({ where: { eventId } });
  const { rows } = await rig.app.pool.query<{ id: string; data: { webhookEventId: string } }>(
    `SELECT id::text, data FROM pgboss.job
     WHERE name = 'webhook.process' AND data->>'webhookEventId' = ANY($1)`,
    [events.map((event) => event.id)],
  );
  // Each job's id is its event's id: a second sweep of the same event could not add one.
  for (const row of rows) expect(row.id).toBe(row.data.webhookEventId);
  return { events, jobs: rows.map((row) => row.data.webhookEventId) };
}

/** What a worker's runner does every 200 ms: every stored event gets its job. */
async function sweep() {
  let total = 0;
  for (let made = -1; made !== 0; total += made) {
    made = await enqueueStoredWebhookEvents(rig.app);
  }
  return total;
}

/** Runs `work`, counting the ingest statements sent to the pool meanwhile. */
async function countingIngestStatements<T>(work: () => Promise<T>) {
  const { pool } = rig.app;
  const query = pool.query;
  let statements = 0;
  pool.query = ((config: unknown, ...rest: unknown[]) => {
    const name = (config as { name?: string } | null)?.name ?? "";
    if (name.startsWith("webhook-ingest-")) statements += 1;
    return (query as (...args: unknown[]) => unknown).call(pool, config, ...rest);
  }) as typeof pool.query;
  try {
    const answers = await work();
    return { statements, answers };
  } finally {
    pool.query = query;
  }
}

describe("receiveWebhook's one-row ingest and the worker's sweep", () => {
  it("stores a new event alone; the next sweep gives it exactly one job (its id)", async () => {
    const answer = await post("evt_ingest_single");
    expect(answer).toMatchObject({ status: 200, body: { stored: 1, duplicates: 0 } });
    const stored = await storedOf("evt_ingest_single");
    expect(stored.events).toHaveLength(1);
    expect(stored.events[0]).toMatchObject({
      provider: "sandbox",
      type: "payment.succeeded",
      enqueuedAt: null,
    });
    // Stored, not yet enqueued: what a worker finds after the web process answered 200.
    expect(stored.jobs).toEqual([]);
    expect(await sweep()).toBe(1);
    const { events, jobs } = await storedOf("evt_ingest_single");
    expect(jobs).toEqual([events[0]?.id]);
    expect(events[0]?.enqueuedAt).toBeInstanceOf(Date);
    // Swept again (another worker, a later pass): nothing more.
    expect(await sweep()).toBe(0);
    expect((await storedOf("evt_ingest_single")).jobs).toEqual([events[0]?.id]);
  });

  it("the same event ten times at once: one event, one job, nine duplicates", async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => post("evt_ingest_race")));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.map((answer) => answer.body.stored ?? 0).reduce((a, b) => a + b)).toBe(1);
    expect(answers.map((answer) => answer.body.duplicates ?? 0).reduce((a, b) => a + b)).toBe(9);
    // A provider's retry after the sweep is a duplicate too, and adds no job.
    await sweep();
    expect(await post("evt_ingest_race")).toMatchObject({ status: 200, body: { duplicates: 1 } });
    await sweep();
    const { events, jobs } = await storedOf("evt_ingest_race");
    expect(events).toHaveLength(1);
    expect(jobs).toEqual([events[0]?.id]);
  });

  it("a sweep that dies after writing jobs leaves its events for the next (all or nothing)", async () => {
    const { pool } = rig.app;
    await post("evt_sweep_crash_1");
    await post("evt_sweep_crash_2");
    // The sweep's transaction fails after its job INSERT (as if the worker died before COMMIT).
    await pool.query(`CREATE FUNCTION pg_temp_fail_job() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'worker gone'; END $$`);
    await pool.query(`CREATE TRIGGER fail_jobs AFTER INSERT ON pgboss.job
      FOR EACH ROW EXECUTE FUNCTION pg_temp_fail_job()`);
    try {
      await expect(enqueueStoredWebhookEvents(rig.app)).rejects.toThrow(/worker gone/);
    } finally {
      await pool.query("DROP TRIGGER fail_jobs ON pgboss.job");
      await pool.query("DROP FUNCTION pg_temp_fail_job()");
    }
    for (const id of ["evt_sweep_crash_1", "evt_sweep_crash_2"]) {
      const { events, jobs } = await storedOf(id);
      expect(events.map((event) => event.enqueuedAt)).toEqual([null]);
      expect(jobs).toEqual([]);
    }
    // The next sweep (this worker's or another's) enqueues them.
    expect(await sweep()).toBe(2);
    for (const id of ["evt_sweep_crash_1", "evt_sweep_crash_2"]) {
      const { events, jobs } = await storedOf(id);
      expect(jobs).toEqual([events[0]?.id]);
    }
  });

  it("a sweep takes the oldest events first (order of arrival)", async () => {
    await sweep();
    const ids = ["evt_sweep_order_a", "evt_sweep_order_b", "evt_sweep_order_c"];
    for (const id of ids) await post(id);
    // Arrival a second apart, c first (a batch's rows share one receivedAt, a millisecond's
    // too: such ties go by id).
    await rig.app.pool.query(
      `UPDATE webhook_event SET "receivedAt" = now() - (3 - array_position($1, "eventId")) * interval '1 second'
       WHERE "eventId" = ANY($1)`,
      [[...ids].reverse()],
    );
    const swept: string[] = [];
    for (let n = 0; n < ids.length; n += 1) {
      expect(await enqueueStoredWebhookEvents(rig.app, 1)).toBe(1);
      const { rows } = await rig.app.pool.query<{ eventId: string }>(
        `SELECT "eventId" FROM webhook_event WHERE "eventId" = ANY($1) AND "enqueuedAt" IS NOT NULL
         ORDER BY "enqueuedAt" DESC, "eventId" DESC LIMIT 1`,
        [ids.filter((id) => !swept.includes(id))],
      );
      swept.push(rows[0]?.eventId ?? "");
    }
    expect(swept).toEqual([...ids].reverse());
  });

  it("four sweeps racing over 60 events: each event enqueued once, one job each", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `evt_sweep_race_${i}`);
    await Promise.all(ids.map((id) => post(id)));
    const made = await Promise.all(
      Array.from({ length: 4 }, async () => {
        let total = 0;
        for (let n = -1; n !== 0; total += n) n = await enqueueStoredWebhookEvents(rig.app, 7);
        return total;
      }),
    );
    expect(made.reduce((a, b) => a + b)).toBe(60);
    // Even the same event enqueued twice (a sweep that missed the first one's mark) makes no
    // second job: the job id is the event id.
    const [first] = (await storedOf("evt_sweep_race_0")).events;
    await rig.app.pool.query(`UPDATE webhook_event SET "enqueuedAt" = NULL WHERE id = $1`, [
      first?.id,
    ]);
    expect(await sweep()).toBe(1);
    for (const id of ids) {
      const { events, jobs } = await storedOf(id);
      expect(events).toHaveLength(1);
      expect(jobs).toEqual([events[0]?.id]);
    }
  });

  it("concurrent webhooks share one statement: each stored once with its own job", async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `evt_group_${i}`);
    // A copy of evt_group_3 in the same burst: stored once, the copy is a duplicate.
    const { statements, answers } = await countingIngestStatements(() =>
      Promise.all([...ids, "evt_group_3"].map((id) => post(id))),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.map((answer) => answer.body.stored ?? 0).reduce((a, b) => a + b)).toBe(12);
    expect(answers.map((answer) => answer.body.duplicates ?? 0).reduce((a, b) => a + b)).toBe(1);
    // Fewer statements than deliveries: the ones arriving while one was in flight went together.
    expect(statements).toBeLessThan(13);
    await sweep();
    for (const id of ids) {
      const { events, jobs } = await storedOf(id);
      expect(events).toHaveLength(1);
      expect(jobs).toEqual([events[0]?.id]);
    }
  });

  it("a batch keeps each body byte for byte and answers an event stored before as a duplicate", async () => {
    // Quotes, backslashes and non-ASCII in the signed bytes: the batch statement binds them as
    // plain parameters (decision 076), nothing escaped on the way.
    const ids = Array.from({ length: 6 }, (_, i) => `evt_bytes_${i}_"q"\\b\u00e9\u{1F600}`);
    const [early] = ids;
    expect((await post(early ?? "")).body.stored).toBe(1);
    const { statements, answers } = await countingIngestStatements(() =>
      Promise.all(ids.map((id) => post(id))),
    );
    expect(statements).toBeLessThan(ids.length);
    expect(answers.map((answer) => answer.body)).toEqual([
      { received: true, stored: 0, duplicates: 1 },
      ...ids.slice(1).map(() => ({ received: true, stored: 1, duplicates: 0 })),
    ]);
    for (const id of ids) {
      const events = await rig.app.prisma.webhookEvent.findMany({ where: { eventId: id } });
      expect(events).toHaveLength(1);
      expect((JSON.parse(events[0]?.rawBody ?? "{}") as { id?: string }).id).toBe(id);
      expect((events[0]?.payload ?? {}) as { eventId?: string }).toMatchObject({ eventId: id });
    }
  });

  it("a batch whose statement fails fails every caller in it and stores none", async () => {
    const { pool } = rig.app;
    // Not a row's data error (SQLSTATE P0001): the whole batch fails, no row is retried alone.
    await pool.query(`CREATE FUNCTION pg_temp_drop_batch_row() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'table unavailable'; END $$`);
    await pool.query(`CREATE TRIGGER drop_batch_events BEFORE INSERT ON webhook_event
      FOR EACH ROW EXECUTE FUNCTION pg_temp_drop_batch_row()`);
    const ids = Array.from({ length: 6 }, (_, i) => `evt_failed_batch_${i}`);
    let outcomes: PromiseSettledResult<unknown>[];
    let statements: number;
    try {
      ({ statements, answers: outcomes } = await countingIngestStatements(() =>
        Promise.allSettled(ids.map((id) => post(id))),
      ));
    } finally {
      await pool.query("DROP TRIGGER drop_batch_events ON webhook_event");
      await pool.query("DROP FUNCTION pg_temp_drop_batch_row()");
    }
    // Fewer statements than deliveries: some callers shared the failed statement.
    expect(statements).toBeLessThan(ids.length);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(6).fill("rejected"));
    for (const id of ids) expect((await storedOf(id)).events).toHaveLength(0);
  });

  it("one event the database refuses fails alone: the others of its batch are stored", async () => {
    // A NUL in the event id: Postgres text refuses it (SQLSTATE 22021), a row's own error.
    const poison = "evt_poison_\u0000";
    const ids = Array.from({ length: 5 }, (_, i) => `evt_beside_poison_${i}`);
    const outcomes = await Promise.allSettled([poison, ...ids].map((id) => post(id)));
    expect(outcomes[0]?.status).toBe("rejected");
    for (const outcome of outcomes.slice(1)) {
      expect(outcome).toMatchObject({ status: "fulfilled", value: { status: 200 } });
      expect(outcome.status === "fulfilled" && outcome.value.body.stored).toBe(1);
    }
    await sweep();
    for (const id of ids) {
      const { events, jobs } = await storedOf(id);
      expect(events).toHaveLength(1);
      expect(jobs).toEqual([events[0]?.id]);
    }
  });

  it("spends the webhook-ip limit per source IP: past it 429 with Retry-After, nothing stored", async () => {
    const limited = await createPaymentsRig({ RATE_LIMITS: "webhook-ip=3" });
    try {
      const postTo = (eventId: string, ip: string) => {
        const body = JSON.stringify({
          id: eventId,
          type: "payment.succeeded",
          created: Math.floor(Date.now() / 1000),
          data: { providerPaymentId: `pay_${eventId}` },
        });
        const headers = {
          "content-type": "application/json",
          "x-sandbox-signature": sandboxSignature(sandboxWebhookSecret, body, new Date()),
        };
        return receiveWebhook(
          limited.app,
          new Request("http://edge/api/webhooks/sandbox", { method: "POST", headers, body }),
          "sandbox",
          ip,
        );
      };
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => postTo(`evt_ip_${i}`, "198.51.100.9")),
      );
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3);
      const refused = answers.filter((answer) => answer.status === 429);
      expect(refused).toHaveLength(3);
      expect(refused.every((answer) => (answer.retryAfterSeconds ?? 0) >= 1)).toBe(true);
      expect(await limited.app.prisma.webhookEvent.count()).toBe(3);
      // Another address has its own points.
      expect((await postTo("evt_ip_other", "198.51.100.10")).status).toBe(200);
    } finally {
      await limited.app.close();
    }
  });
});
