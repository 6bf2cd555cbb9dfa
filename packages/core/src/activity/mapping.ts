import type { Prisma } from "@mentora/db";
import type { ActivityKind } from "../contracts/index.ts";
import type { EventDefinition, EventOf } from "../events/index.ts";

type Tx = Prisma.TransactionClient;
type Db = Tx;

/** One person's line for an event: whose feed, and under which kind. */
export interface Recipient {
  userId: string;
  kind: ActivityKind;
}

/** Who an event concerns, read from the database in the projecting transaction. */
export type Audience<Data> = (db: Db, data: Data) => Promise<Recipient[]>;

/** An event type of the feed: who sees it in their own feed, and its kind on the platform feed. */
export interface ActivityMapping {
  event: EventDefinition;
  audience: Audience<never>;
  /** The admins' platform feed kind; null keeps it out of that feed. */
  platform: ActivityKind | null;
}

/**
 * An event type in the feeds: `feed(payoutPaid, mentorOf("payout"), "payout")`. The event's
 * payload is what the entry stores; the audience reads the people it concerns from the ids in it.
 */
export function feed<Definition extends EventDefinition>(
  event: Definition,
  audience: Audience<EventOf<Definition>["data"]>,
  platform: ActivityKind | null,
): ActivityMapping {
  return { event, audience: audience as Audience<never>, platform };
}

/** Nobody's own feed (the platform feed only). */
export const nobody: Audience<unknown> = async () => [];

/**
 * A booking's mentee and its session's mentor, each under their kind (null leaves them out).
 * Works with any payload carrying `bookingId`.
 */
export function bookingPeople(kinds: {
  mentee: ActivityKind | null;
  mentor: ActivityKind | null;
}): Audience<{ bookingId: string }> {
  return async (db, { bookingId }) => {
    const booking = await db.booking.findUnique({
      where: { id: bookingId },
      select: { menteeId: true, session: { select: { mentorId: true } } },
    });
    if (!booking) return [];
    return [
      ...(kinds.mentee ? [{ userId: booking.menteeId, kind: kinds.mentee }] : []),
      ...(kinds.mentor ? [{ userId: booking.session.mentorId, kind: kinds.mentor }] : []),
    ];
  };
}

/** Every participant of a session (confirmed or completed places) and its mentor. */
export function sessionPeople(kinds: {
  mentee: ActivityKind | null;
  mentor: ActivityKind | null;
}): Audience<{ sessionId: string }> {
  return async (db, { sessionId }) => {
    const session = await db.mentoringSession.findUnique({
      where: { id: sessionId },
      select: {
        mentorId: true,
        bookings: {
          where: { status: { in: ["CONFIRMED", "COMPLETED"] } },
          select: { menteeId: true },
        },
      },
    });
    if (!session) return [];
    return [
      ...(kinds.mentee
        ? session.bookings.map((booking) => ({ userId: booking.menteeId, kind: kinds.mentee }))
        : []),
      ...(kinds.mentor ? [{ userId: session.mentorId, kind: kinds.mentor }] : []),
    ].filter((recipient): recipient is Recipient => recipient.kind !== null);
  };
}

/** Who paid (any payload carrying `paymentId`). */
export function payerOf(kind: ActivityKind): Audience<{ paymentId: string }> {
  return async (db, { paymentId }) => {
    const payment = await db.payment.findUnique({
      where: { id: paymentId },
      select: { userId: true },
    });
    return payment ? [{ userId: payment.userId, kind }] : [];
  };
}

/** The mentor named in the payload (`mentorId`: payouts, earnings). */
export function mentorOf(kind: ActivityKind): Audience<{ mentorId: string }> {
  return async (_db, { mentorId }) => [{ userId: mentorId, kind }];
}

/** Whose invoice it is (any payload carrying `invoiceId`). */
export function invoiceOwner(kind: ActivityKind): Audience<{ invoiceId: string }> {
  return async (db, { invoiceId }) => {
    const invoice = await db.invoice.findUnique({
      where: { id: invoiceId },
      select: { ownerId: true },
    });
    return invoice ? [{ userId: invoice.ownerId, kind }] : [];
  };
}
