import type { Db } from "@mentora/db";
import { bookingCancelled, bookingConfirmed, bookingExpired } from "../bookings/index.ts";
import { earningsReleased, sessionCompleted } from "../earnings/index.ts";
import { type EventDefinition, eventIdOf } from "../events/index.ts";
import { paymentRefunded, paymentSettled } from "../payments/index.ts";
import { payoutFailed, payoutPaid } from "../payouts/index.ts";
import { attendanceRecorded } from "../video/index.ts";
import { activityMappingOf, writeActivityEntries } from "./project.ts";

/** An event as the backfill rebuilds it from a row: same definition, same payload, same id. */
interface Derived {
  definition: EventDefinition;
  data: unknown;
  occurredAt: Date;
}

/** A source of past facts, read in id order one batch at a time. */
interface Source {
  name: string;
  read(db: Db, afterId: string, limit: number): Promise<{ id: string; events: Derived[] }[]>;
}

const after = (afterId: string) => (afterId ? { id: { gt: afterId } } : {});

/**
 * Where older facts are: first the recorded domain events, then the rows of the changes made
 * before events were recorded, rebuilt into the events the code records today. A rebuilt event
 * has the id the real one has (ids derive from the event's key), so the two land on the same
 * entries and nothing is shown twice.
 */
const sources: Source[] = [
  {
    name: "domain_event",
    async read(db, afterId, limit) {
      const rows = await db.domainEvent.findMany({
        where: { ...after(afterId) },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map((row) => {
        const mapping = activityMappingOf(row.type);
        return {
          id: row.id,
          events:
            mapping && mapping.event.version === row.version
              ? [{ definition: mapping.event, data: row.data, occurredAt: row.occurredAt }]
              : [],
        };
      });
    },
  },
  {
    name: "booking",
    async read(db, afterId, limit) {
      const rows = await db.booking.findMany({
        where: { ...after(afterId) },
        orderBy: { id: "asc" },
        take: limit,
        include: { session: { select: { startsAt: true } } },
      });
      return rows.map((booking) => {
        const ref = {
          bookingId: booking.id,
          sessionId: booking.sessionId,
          scheduleVersion: booking.scheduleVersion,
          startsAt: booking.session.startsAt.toISOString(),
        };
        const events: Derived[] = [];
        if (booking.confirmedAt) {
          events.push({ definition: bookingConfirmed, data: ref, occurredAt: booking.confirmedAt });
        }
        if (booking.status === "CANCELLED") {
          events.push({
            definition: bookingCancelled,
            data: {
              ...ref,
              status: booking.status,
              refundReason: booking.cancelReason ?? "",
              cancelledById: booking.cancelledById ?? "",
            },
            occurredAt: booking.cancelledAt ?? booking.updatedAt,
          });
        }
        if (booking.status === "EXPIRED") {
          events.push({
            definition: bookingExpired,
            data: { bookingId: booking.id, sessionId: booking.sessionId },
            occurredAt: booking.holdExpiresAt ?? booking.updatedAt,
          });
        }
        return { id: booking.id, events };
      });
    },
  },
  {
    name: "session_completion",
    async read(db, afterId, limit) {
      const rows = await db.sessionCompletion.findMany({
        where: afterId ? { sessionId: { gt: afterId } } : {},
        orderBy: { sessionId: "asc" },
        take: limit,
      });
      const bookings = await db.booking.findMany({
        where: { sessionId: { in: rows.map((row) => row.sessionId) }, status: "COMPLETED" },
        select: { id: true, sessionId: true },
      });
      const rooms = await db.videoRoom.findMany({
        where: { sessionId: { in: rows.map((row) => row.sessionId) }, verdict: { not: null } },
        select: { sessionId: true, verdict: true, completedAt: true },
      });
      return rows.map((row) => {
        const room = rooms.find((candidate) => candidate.sessionId === row.sessionId);
        return {
          id: row.sessionId,
          events: [
            ...(room?.verdict
              ? [
                  {
                    definition: attendanceRecorded,
                    data: { sessionId: row.sessionId, verdict: room.verdict },
                    occurredAt: room.completedAt ?? row.completedAt,
                  },
                ]
              : []),
            {
              definition: sessionCompleted,
              data: {
                sessionId: row.sessionId,
                reason: row.reason,
                bookingIds: bookings.filter((b) => b.sessionId === row.sessionId).map((b) => b.id),
              },
              occurredAt: row.completedAt,
            },
          ],
        };
      });
    },
  },
  {
    name: "payment",
    async read(db, afterId, limit) {
      const rows = await db.payment.findMany({
        where: { ...after(afterId) },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map((payment) => ({
        id: payment.id,
        events:
          payment.status === "SUCCEEDED"
            ? [
                {
                  definition: paymentSettled,
                  data: {
                    paymentId: payment.id,
                    purpose: payment.purpose,
                    bookingId: payment.bookingId,
                    creditedToWallet: payment.creditedToWallet,
                  },
                  occurredAt: payment.closedAt ?? payment.updatedAt,
                },
              ]
            : [],
      }));
    },
  },
  {
    name: "refund",
    async read(db, afterId, limit) {
      const rows = await db.refund.findMany({
        where: { ...after(afterId) },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map((refund) => ({
        id: refund.id,
        events: [
          {
            definition: paymentRefunded,
            data: {
              refundId: refund.id,
              paymentId: refund.paymentId,
              amountMinor: refund.amountMinor,
            },
            occurredAt: refund.createdAt,
          },
        ],
      }));
    },
  },
  {
    name: "payout",
    async read(db, afterId, limit) {
      const rows = await db.payout.findMany({
        where: { ...after(afterId) },
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map((payout) => {
        const ref = {
          payoutId: payout.id,
          mentorId: payout.mentorId,
          currency: payout.currency,
          amountMinor: payout.amountMinor,
        };
        const events: Derived[] = [];
        // Only the last failure left a trace on the row (its attempt number is the key).
        if (payout.lastFailedAt && payout.attempts > 0) {
          events.push({
            definition: payoutFailed,
            data: { ...ref, attempt: payout.attempts, reason: payout.lastFailure ?? "" },
            occurredAt: payout.lastFailedAt,
          });
        }
        if (payout.status === "PAID" && payout.paidAt) {
          events.push({
            definition: payoutPaid,
            data: { ...ref, reference: payout.reference ?? "" },
            occurredAt: payout.paidAt,
          });
        }
        return { id: payout.id, events };
      });
    },
  },
  {
    name: "earnings_release",
    async read(db, afterId, limit) {
      // A release moved the booking's share out of MENTOR_PENDING (key earnings:<booking>:release).
      const rows = await db.$queryRaw<
        {
          id: string;
          bookingId: string;
          createdAt: Date;
          mentorId: string;
          currency: string;
          released: bigint;
        }[]
      >`
        SELECT t.id, t."bookingId", t."createdAt", a.owner AS "mentorId", a.currency,
               -SUM(e."amountMinor")::bigint AS released
        FROM ledger_transaction t
        JOIN ledger_entry e ON e."transactionId" = t.id
        JOIN ledger_account a ON a.id = e."accountId" AND a.kind = 'MENTOR_PENDING'
        WHERE t."idempotencyKey" LIKE 'earnings:%:release' AND t."bookingId" IS NOT NULL
          AND t.id > ${afterId}
        GROUP BY t.id, a.owner, a.currency
        ORDER BY t.id
        LIMIT ${limit}`;
      return rows.map((row) => ({
        id: row.id,
        events:
          row.released > 0n
            ? [
                {
                  definition: earningsReleased,
                  data: {
                    bookingId: row.bookingId,
                    mentorId: row.mentorId,
                    currency: row.currency,
                    amountMinor: Number(row.released),
                  },
                  occurredAt: row.createdAt,
                },
              ]
            : [],
      }));
    },
  },
];

/**
 * Fills the feeds from what happened before they existed (`pnpm mentora activity:backfill`).
 * Idempotent: entries have derived ids, so a second run writes nothing; it can be stopped and
 * run again. Publishes nobody's pages (old facts are not news). One transaction per batch.
 */
export async function backfillActivity(
  db: Db,
  options: { batchSize?: number; onBatch?: (source: string, written: number) => void } = {},
): Promise<{ written: number }> {
  const batchSize = options.batchSize ?? 500;
  let written = 0;
  for (const source of sources) {
    let afterId = "";
    for (;;) {
      const rows = await source.read(db, afterId, batchSize);
      if (rows.length === 0) break;
      const count = await db.$transaction(async (tx) => {
        let batch = 0;
        for (const row of rows) {
          for (const event of row.events) {
            const data = event.definition.schema.parse(event.data);
            const result = await writeActivityEntries(tx, {
              id: eventIdOf(event.definition, data),
              type: event.definition.type,
              occurredAt: event.occurredAt.toISOString(),
              data,
            });
            batch += result.userIds.length + (result.platform ? 1 : 0);
          }
        }
        return batch;
      });
      written += count;
      options.onBatch?.(source.name, count);
      afterId = rows.at(-1)?.id ?? afterId;
      if (rows.length < batchSize) break;
    }
  }
  return { written };
}
