import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { App } from "../app/index.ts";
import { createUser } from "../bookings/testing/bookings.ts";
import { createJobRunner } from "../jobs/runner.ts";
import { drainJobs } from "../payments/testing/payments-rig.ts";
import { createTestApp } from "../testing/index.ts";
import { eventDeliverDeadJob, eventDeliverJob } from "./deliver.job.ts";
import {
  createEventRouting,
  type DomainEvent,
  defineEvent,
  inTransactionOf,
  onEvent,
  recordEvent,
  recordEvents,
} from "./index.ts";

const thingHappened = defineEvent({
  type: "test.thing-happened",
  version: 1,
  schema: z.object({ thingId: z.string(), size: z.number().int() }),
  key: (data) => [data.thingId],
});

const seen = { inTransaction: [] as string[], audit: [] as string[], flaky: [] as string[] };
let flakyFailures = 0;
let onAudit: ((event: DomainEvent) => void) | undefined;

let app: App;
beforeAll(async () => {
  app = await createTestApp();
  // The test's own subscription list in place of the app's (the mechanism is what is tested).
  app.events = createEventRouting([
    inTransactionOf(thingHappened, "test.in-transaction", async (event, _services, tx) => {
      // Runs on the recording transaction: it sees the event row that is not committed yet.
      const row = await tx.domainEvent.findUnique({ where: { id: event.id } });
      if (row) seen.inTransaction.push(event.data.thingId);
    }),
    onEvent(thingHappened, "test.audit", async (event) => {
      seen.audit.push(event.data.thingId);
      onAudit?.(event);
    }),
    onEvent(thingHappened, "test.flaky", async (event) => {
      if (flakyFailures > 0) {
        flakyFailures -= 1;
        throw new Error("flaky subscriber fails");
      }
      seen.flaky.push(event.data.thingId);
    }),
  ]);
});
afterAll(() => app?.close());

const deliveriesOf = (eventId: string) =>
  app.prisma.$queryRaw<{ subscriber: string; state: string; retry_count: number }[]>`
    SELECT data->>'subscriber' AS subscriber, state::text, retry_count
    FROM pgboss.job WHERE name = ${eventDeliverJob.name} AND data->'event'->>'id' = ${eventId}
    ORDER BY subscriber`;

const record = (thingId: string, size = 1) =>
  app.prisma.$transaction((tx) => recordEvent(app, tx, thingHappened.of({ thingId, size })));

describe("recordEvent", () => {
  it("leaves no event row and no delivery job when its transaction rolls back", async () => {
    let recorded: DomainEvent | null = null;
    await expect(
      app.prisma.$transaction(async (tx) => {
        recorded = await recordEvent(
          app,
          tx,
          thingHappened.of({ thingId: "rolled-back", size: 1 }),
        );
        throw new Error("the state change fails after the event");
      }),
    ).rejects.toThrow("the state change fails");
    const id = (recorded as DomainEvent | null)?.id ?? "";
    expect(id).not.toBe("");
    expect(await app.prisma.domainEvent.count({ where: { id } })).toBe(0);
    expect(await deliveriesOf(id)).toEqual([]);
  });

  it("commits the event with one delivery job per job subscriber, in-transaction ones already run", async () => {
    const event = await record("committed", 3);
    expect(event).toMatchObject({ type: "test.thing-happened", version: 1, data: { size: 3 } });
    const id = event?.id ?? "";
    expect(await app.prisma.domainEvent.findUnique({ where: { id } })).toMatchObject({
      type: "test.thing-happened",
      data: { thingId: "committed", size: 3 },
    });
    expect((await deliveriesOf(id)).map((job) => job.subscriber)).toEqual([
      "test.audit",
      "test.flaky",
    ]);
    expect(seen.inTransaction).toContain("committed");
  });

  it("refuses a payload its schema refuses, recording nothing", async () => {
    await expect(
      app.prisma.$transaction((tx) =>
        recordEvent(app, tx, thingHappened.of({ thingId: "bad", size: 1.5 })),
      ),
    ).rejects.toThrow();
    expect(
      await app.prisma.domainEvent.count({
        where: { type: "test.thing-happened", data: { path: ["thingId"], equals: "bad" } },
      }),
    ).toBe(0);
  });

  it("records and delivers the same fact once, however often it is recorded", async () => {
    const first = await record("twice");
    const again = await record("twice", 99);
    expect(first).not.toBeNull();
    // Same key, same id: the replay is a no-op (its different size is ignored, not stored).
    expect(again).toBeNull();
    expect(seen.inTransaction.filter((id) => id === "twice")).toHaveLength(1);
    expect(await deliveriesOf(first?.id ?? "")).toHaveLength(2);
    await drainJobs(app, [eventDeliverJob]);
    expect(seen.audit.filter((id) => id === "twice")).toHaveLength(1);
    expect(seen.flaky.filter((id) => id === "twice")).toHaveLength(1);
  });

  it("recordEvents: several at once, each like recordEvent (one job per job subscriber), a replay left out", async () => {
    const earlier = await record("batch-replayed");
    const recorded = await app.prisma.$transaction((tx) =>
      recordEvents(app, tx, [
        thingHappened.of({ thingId: "batch-a", size: 1 }),
        thingHappened.of({ thingId: "batch-replayed", size: 5 }),
        thingHappened.of({ thingId: "batch-b", size: 2 }),
        thingHappened.of({ thingId: "batch-a", size: 1 }),
      ]),
    );
    expect(recorded.map((event) => event.data)).toEqual([
      { thingId: "batch-a", size: 1 },
      { thingId: "batch-b", size: 2 },
    ]);
    for (const event of recorded) {
      expect((await deliveriesOf(event.id)).map((job) => job.subscriber)).toEqual([
        "test.audit",
        "test.flaky",
      ]);
    }
    expect(await deliveriesOf(earlier?.id ?? "")).toHaveLength(2);
    expect(seen.inTransaction.filter((id) => id.startsWith("batch-"))).toEqual([
      "batch-replayed",
      "batch-a",
      "batch-b",
    ]);
    // Rolled back with its transaction: no row, no job.
    await expect(
      app.prisma.$transaction(async (tx) => {
        await recordEvents(app, tx, [thingHappened.of({ thingId: "batch-rolled", size: 1 })]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(
      await app.prisma.domainEvent.count({
        where: { type: "test.thing-happened", data: { path: ["thingId"], equals: "batch-rolled" } },
      }),
    ).toBe(0);
    await drainJobs(app, [eventDeliverJob]);
    expect(seen.audit.filter((id) => id === "batch-a")).toHaveLength(1);
  });

  it("a failing subscriber does not stop the others, and its delivery is retried on its own", async () => {
    flakyFailures = 1;
    const event = await record("flaky");
    const id = event?.id ?? "";
    await drainJobs(app, [eventDeliverJob]);
    expect(seen.audit).toContain("flaky");
    expect(seen.flaky).not.toContain("flaky");
    expect(
      (await deliveriesOf(id)).map(({ subscriber, state }) => ({ subscriber, state })),
    ).toEqual([
      { subscriber: "test.audit", state: "completed" },
      { subscriber: "test.flaky", state: "retry" },
    ]);
    // The retry's backoff, skipped: the next fetch runs it again, and this time it succeeds.
    await app.prisma.$executeRaw`
      UPDATE pgboss.job SET start_after = now()
      WHERE name = ${eventDeliverJob.name} AND data->'event'->>'id' = ${id} AND state = 'retry'`;
    await drainJobs(app, [eventDeliverJob]);
    expect(seen.flaky).toContain("flaky");
    expect(seen.audit.filter((thing) => thing === "flaky")).toHaveLength(1);
    expect(await deliveriesOf(id)).toEqual([
      { subscriber: "test.audit", state: "completed", retry_count: 0 },
      { subscriber: "test.flaky", state: "completed", retry_count: 1 },
    ]);
  });

  it("a delivery that exhausts its retries is dead-lettered and mailed to every admin", async () => {
    expect(eventDeliverJob.queue.deadLetter).toBe(eventDeliverDeadJob.name);
    const admin = await createUser(app, "Alice Admin");
    await app.prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const event = await record("dead");
    await eventDeliverDeadJob.handle(
      eventDeliverDeadJob.schema.parse({ subscriber: "test.flaky", event }),
      app,
      { jobId: "dead" },
    );
    const [mail] = await app.boss.findJobs<{ to: string; subject: string; text: string }>(
      "email.send",
      { data: { to: admin.email } },
    );
    expect(mail?.data.subject).toBe("[Mentora alert] Event delivery failed: test.flaky");
    expect(mail?.data.text).toContain(event?.id ?? "missing");
  });

  it("is delivered by the worker's job runner", async () => {
    const delivered = new Promise<DomainEvent>((resolve) => {
      onAudit = (event) => {
        if ((event.data as { thingId: string }).thingId === "worker") resolve(event);
      };
    });
    const runner = createJobRunner(app, [eventDeliverJob]);
    await runner.start();
    try {
      const event = await record("worker", 7);
      expect(await delivered).toEqual(event);
    } finally {
      await runner.stop();
    }
  });
});
