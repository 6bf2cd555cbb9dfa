// Queue options changed in code reach a database whose queues an older release created.
import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { jobQueues } from "../app/job-queues.ts";
import { createQueues, defineQueue, QUEUE_OPTION_DEFAULTS, type QueueContract } from "./index.ts";

let database: TestDatabase;
let boss: PgBoss;

beforeAll(async () => {
  database = await createTestDatabase();
  boss = new PgBoss({ connectionString: database.url, supervise: false, schedule: false });
  await boss.start();
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await database?.drop();
});

const job = (name: string, queue: QueueContract["queue"]) =>
  defineQueue({ name, schema: z.object({}), queue });

const synced = (queue: object | null) =>
  Object.fromEntries(
    Object.keys(QUEUE_OPTION_DEFAULTS).map((key) => [
      key,
      (queue as Record<string, unknown>)?.[key] ?? null,
    ]),
  );

describe("createQueues", () => {
  it("QUEUE_OPTION_DEFAULTS is what pg-boss stores for a queue created without options", async () => {
    await boss.createQueue("test.defaults");
    expect(synced(await boss.getQueue("test.defaults"))).toEqual(QUEUE_OPTION_DEFAULTS);
  });

  it("updates an existing queue's retry, expiry and dead letter to the definition's", async () => {
    // What an older release created.
    await createQueues(boss, [
      job("test.sync", { retryLimit: 2, retryDelay: 10, expireInSeconds: 300 }),
    ]);
    expect(await boss.getQueue("test.sync")).toMatchObject({
      retryLimit: 2,
      retryDelay: 10,
      retryBackoff: false,
      expireInSeconds: 300,
      deadLetter: null,
    });

    // The new release's definition: more retries with backoff, longer expiry, a dead letter.
    const next = job("test.sync", {
      retryLimit: 7,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 600,
      expireInSeconds: 1800,
      heartbeatSeconds: 30,
      deadLetter: "test.sync.dead",
    });
    expect(await createQueues(boss, [next])).toEqual(["test.sync"]);
    expect(await boss.getQueue("test.sync")).toMatchObject({
      retryLimit: 7,
      retryDelay: 30,
      retryBackoff: true,
      retryDelayMax: 600,
      expireInSeconds: 1800,
      heartbeatSeconds: 30,
      deadLetter: "test.sync.dead",
    });
    expect(await boss.getQueue("test.sync.dead")).not.toBeNull();

    // In step: a second start changes nothing.
    expect(await createQueues(boss, [next])).toEqual([]);
  });

  it("an option removed from the definition goes back to pg-boss's default", async () => {
    await createQueues(boss, [
      job("test.removed", { retryLimit: 9, heartbeatSeconds: 60, deadLetter: "test.removed.dead" }),
    ]);
    expect(await createQueues(boss, [job("test.removed", {})])).toEqual(["test.removed"]);
    expect(synced(await boss.getQueue("test.removed"))).toEqual(QUEUE_OPTION_DEFAULTS);
  });

  it("every queue core declares is in step after a start", async () => {
    await createQueues(boss, jobQueues);
    expect(await createQueues(boss, jobQueues)).toEqual([]);
  });
});
