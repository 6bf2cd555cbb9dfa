import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { contextFor, createTestApp } from "../testing/index.ts";
import {
  admitRealtimeStream,
  backlogCap,
  publishRealtime,
  type RealtimeEvent,
  realtimeStream,
} from "./index.ts";

let app: App;
const maxStreams = 3;

beforeAll(async () => {
  app = await createTestApp({ REALTIME_MAX_STREAMS_PER_USER: String(maxStreams) });
});
afterAll(() => app?.close());

type Opened = { next(): Promise<{ id: string; data: RealtimeEvent }>; stop(): Promise<void> };

/** A stream as the procedure runs it; `next()` is the next tracked event ([id, data]). */
function open(userId: string, input: { lastEventId?: string; topics?: string[] } = {}): Opened {
  const abort = new AbortController();
  const iterator = realtimeStream(app, {
    userId,
    signal: abort.signal,
    lastEventId: input.lastEventId,
    topics: input.topics as never,
  });
  return {
    async next() {
      const result = await iterator.next();
      if (result.done) throw new Error("the stream ended");
      const [id, data] = result.value as unknown as [string, RealtimeEvent];
      return { id, data };
    },
    async stop() {
      abort.abort();
      await iterator.return(undefined);
    },
  };
}

const publish = (userIds: string[], topic: "payment" | "booking", ref: string) =>
  app.prisma.$transaction((tx) => publishRealtime(tx, { userIds, topic, ref }));

const lastSeq = async () =>
  String((await app.prisma.realtimeMessage.aggregate({ _max: { seq: true } }))._max.seq ?? 0n);

const someone = () => `user-${randomUUID()}`;

describe("realtime stream", () => {
  it("delivers a publication committed after it opened, through NOTIFY, to its user only", async () => {
    const [alice, bob] = [someone(), someone()];
    const from = await lastSeq();
    const aliceStream = open(alice, { lastEventId: from });
    const bobStream = open(bob, { lastEventId: from });
    const first = aliceStream.next();
    const bobsFirst = bobStream.next();
    // Both have read their (empty) backlog and now wait on the hub.
    await expect.poll(() => app.realtime.openCount(alice) + app.realtime.openCount(bob)).toBe(2);
    await publish([alice], "payment", "pay-1");
    expect((await first).data).toEqual({ topic: "payment", ref: "pay-1" });
    // Bob's stream skipped Alice's row: the first thing it gets is his own.
    await publish([bob], "booking", "bk-1");
    expect((await bobsFirst).data).toEqual({ topic: "booking", ref: "bk-1" });
    await Promise.all([aliceStream.stop(), bobStream.stop()]);
    expect(app.realtime.openCount(alice)).toBe(0);
  });

  it("replays what was published after the last event id, in order, and nothing before", async () => {
    const user = someone();
    // Older than the late-commit window: only the last event id decides whether it is sent.
    const old = new Date(Date.now() - 10 * 60_000);
    await app.prisma.realtimeMessage.create({
      data: { userId: user, topic: "payment", ref: "before", createdAt: old },
    });
    const from = await lastSeq();
    await publish([user], "payment", "missed-1");
    await publish([user], "booking", "missed-2");
    const stream = open(user, { lastEventId: from });
    const one = await stream.next();
    const two = await stream.next();
    expect([one.data.ref, two.data.ref]).toEqual(["missed-1", "missed-2"]);
    expect(BigInt(one.id)).toBeGreaterThan(BigInt(from));
    expect(BigInt(two.id)).toBeGreaterThan(BigInt(one.id));
    await stream.stop();
  });

  it("filters by topic when asked", async () => {
    const user = someone();
    const from = await lastSeq();
    await publish([user], "payment", "p");
    await publish([user], "booking", "b");
    const stream = open(user, { lastEventId: from, topics: ["booking"] });
    expect((await stream.next()).data).toEqual({ topic: "booking", ref: "b" });
    await stream.stop();
  });

  it("does not lose a row that commits after a row with a higher seq was delivered", async () => {
    const user = someone();
    const stream = open(user, { lastEventId: await lastSeq() });
    const first = stream.next();
    await expect.poll(() => app.realtime.openCount(user)).toBe(1);
    // Transaction A takes its seq first and commits last.
    let commitA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => {
      commitA = resolve;
    });
    let aPublished!: () => void;
    const aHasSeq = new Promise<void>((resolve) => {
      aPublished = resolve;
    });
    const slow = app.prisma.$transaction(
      async (tx) => {
        await publishRealtime(tx, { userIds: [user], topic: "payment", ref: "late" });
        aPublished();
        await aMayCommit;
      },
      { timeout: 20_000 },
    );
    await aHasSeq;
    await publish([user], "payment", "early");
    const early = await first;
    expect(early.data.ref).toBe("early");
    const late = stream.next();
    commitA();
    await slow;
    const delivered = await late;
    expect(delivered.data.ref).toBe("late");
    expect(BigInt(delivered.id)).toBeLessThan(BigInt(early.id));
    // And it is not delivered twice on the next wake.
    await publish([user], "payment", "after");
    expect((await stream.next()).data.ref).toBe("after");
    await stream.stop();
  });

  it("sends one resync instead of a backlog larger than the cap", async () => {
    const user = someone();
    const from = await lastSeq();
    await app.prisma.realtimeMessage.createMany({
      data: Array.from({ length: backlogCap + 5 }, (_, i) => ({
        userId: user,
        topic: "payment",
        ref: `r${i}`,
      })),
    });
    const newest = await lastSeq();
    const stream = open(user, { lastEventId: from });
    const first = await stream.next();
    expect(first).toEqual({ id: newest, data: { topic: "resync", ref: "" } });
    await publish([user], "booking", "next");
    expect((await stream.next()).data).toEqual({ topic: "booking", ref: "next" });
    await stream.stop();
  });

  it("caps open streams per user with REALTIME_STREAM_LIMIT", async () => {
    const user = someone();
    const from = await lastSeq();
    const streams = Array.from({ length: maxStreams }, () => open(user, { lastEventId: from }));
    const pending = streams.map((stream) => stream.next());
    await expect.poll(() => app.realtime.openCount(user)).toBe(maxStreams);
    const extra = open(user, { lastEventId: from });
    expect(errorCodeOf(await extra.next().catch((error: unknown) => error))).toBe(
      "REALTIME_STREAM_LIMIT",
    );
    // Everyone else is still served.
    await publish([user], "payment", "to-all");
    for (const event of await Promise.all(pending)) expect(event.data.ref).toBe("to-all");
    await Promise.all(streams.map((stream) => stream.stop()));
    expect(app.realtime.openCount(user)).toBe(0);
  });

  it("re-reads after the LISTEN connection drops: a row published while it was down arrives", async () => {
    const user = someone();
    const stream = open(user, { lastEventId: await lastSeq() });
    const next = stream.next();
    await expect.poll(() => app.realtime.openCount(user)).toBe(1);
    const listening = () =>
      app.prisma.$queryRaw<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN mentora_realtime'`;
    await expect.poll(async () => (await listening()).length).toBe(1);
    const [before] = await listening();
    await app.prisma.$queryRaw`SELECT pg_terminate_backend(${before!.pid}::int)`;
    // Published while nobody listens: its NOTIFY goes nowhere.
    await publish([user], "payment", "while-down");
    expect((await next).data.ref).toBe("while-down");
    const [after] = await listening();
    expect(after?.pid).not.toBe(before?.pid);
    await stream.stop();
  });
});

describe("realtime admission (what the HTTP route checks before the stream's 200)", () => {
  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    const ctx = await contextFor(app);
    expect(errorCodeOf(await admitRealtimeStream(ctx).catch((error: unknown) => error))).toBe(
      "UNAUTHORIZED",
    );
  });
});
