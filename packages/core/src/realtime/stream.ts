import { tracked } from "@trpc/server";
import type { AppServices } from "../app/types.ts";
import type { RealtimeTopic } from "./topics.ts";

/** What the browser receives: `ref` of `topic` changed, or "reload what you show" (resync). */
export type RealtimeEvent = { topic: RealtimeTopic; ref: string } | { topic: "resync"; ref: "" };

/**
 * How far back in time every read looks again below the cursor (decision 031): a transaction
 * that took its seq earlier but committed later than a row we already sent is still found, as
 * long as it lasted less than this. Far above the statement timeouts (15 s web, 60 s worker).
 */
export const lateCommitWindowSeconds = 120;

/**
 * Most rows one read delivers: more than this missed (a long disconnection, a storm, or a
 * client too slow to read) and the stream sends one `resync` instead, never an unbounded
 * backlog held in memory.
 */
export const backlogCap = 200;

/** Rows remembered for de-duplication, at most; beyond it the stream resyncs. */
const knownCap = 5 * backlogCap;

type Row = { seq: bigint; topic: string; ref: string; createdAt: Date };

export interface StreamInput {
  userId: string;
  topics?: readonly RealtimeTopic[];
  lastEventId?: string;
  signal: AbortSignal;
}

const SEQ = /^\d{1,19}$/;

/**
 * The viewer's stream: what they missed since `lastEventId` (bounded), then each message as it
 * commits. Woken by the hub (NOTIFY), it reads the table, never a payload: only the viewer's
 * rows (`userId` is the session's, never an input).
 */
export async function* realtimeStream(
  services: Pick<AppServices, "prisma" | "realtime">,
  input: StreamInput,
) {
  const { prisma } = services;
  const { userId, signal } = input;
  const wanted = input.topics?.length ? new Set<string>(input.topics) : undefined;
  const handle = services.realtime.open(userId);
  const onAbort = () => handle.close();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    // Below `floor` nothing is read again: the page reloaded everything there (resync).
    let floor = 0n;
    const read = (after: bigint, limit: number) =>
      prisma.$queryRaw<Row[]>`
        SELECT seq, topic, ref, "createdAt" FROM realtime_message
        WHERE "userId" = ${userId}
          AND (seq > ${after}
            OR (seq > ${floor}
              AND "createdAt" > now() - make_interval(secs => ${lateCommitWindowSeconds})))
        ORDER BY seq LIMIT ${limit}`;
    const maxSeq = async () => {
      const [last] = await prisma.$queryRaw<{ seq: bigint | null }[]>`
        SELECT max(seq) AS seq FROM realtime_message WHERE "userId" = ${userId}`;
      return last?.seq ?? 0n;
    };
    // Sent (or skipped as already known) rows still inside the window: the re-read below the
    // cursor finds them again and must not send them twice. Pruned as they leave the window.
    const known = new Map<bigint, number>();
    const given = input.lastEventId && SEQ.test(input.lastEventId) ? input.lastEventId : undefined;
    let cursor: bigint;
    if (given) {
      cursor = BigInt(given);
    } else {
      // A fresh page just read its data: start from now, and what is in the window is known.
      cursor = await maxSeq();
      const recent = await read(cursor, backlogCap + 1);
      if (recent.length > backlogCap) floor = cursor;
      else for (const row of recent) known.set(row.seq, row.createdAt.getTime());
    }
    while (await handle.next()) {
      const rows = await read(cursor, backlogCap + known.size + 1);
      const fresh = rows.filter((row) => !known.has(row.seq));
      // Past the cap, or more remembered than a few reads' worth (a storm): resync.
      if (fresh.length > backlogCap || known.size > knownCap) {
        // Too much to replay: skip to the newest and tell the page to reload its data.
        const newest = await maxSeq();
        if (newest > cursor) cursor = newest;
        floor = cursor;
        known.clear();
        yield tracked(String(cursor), { topic: "resync", ref: "" } as RealtimeEvent);
        continue;
      }
      for (const row of fresh) {
        known.set(row.seq, row.createdAt.getTime());
        if (row.seq > cursor) cursor = row.seq;
        if (wanted && !wanted.has(row.topic)) continue;
        const event = { topic: row.topic as RealtimeTopic, ref: row.ref } as RealtimeEvent;
        yield tracked(String(row.seq), event);
      }
      // The window's edge by the database's clock, as createdAt is; a margin covers the skew
      // between the two statements.
      const edge = Date.now() - (lateCommitWindowSeconds + 30) * 1000;
      for (const [seq, createdAt] of known) if (createdAt < edge) known.delete(seq);
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    handle.close();
  }
}
