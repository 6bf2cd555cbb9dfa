import type { Db, Prisma } from "@mentora/db";
import { isBlocked } from "../blocks/index.ts";
import { AppError } from "../errors/index.ts";

type Tx = Prisma.TransactionClient;
type Reader = Db | Tx;

const DAY = 86_400_000;
/** A cancelled booking's conversation stays readable and takes messages this long after. */
export const closeAfterCancellationDays = 30;

/**
 * Bookings that have a conversation: ones that were confirmed at some point (a hold waiting for
 * payment, or one that expired, opens no channel to the mentor).
 */
const conversableBooking = { confirmedAt: { not: null } } satisfies Prisma.BookingWhereInput;

/** When a booking's conversation closes for new messages, or null while it stays open. */
export function conversationClosesAt(booking: {
  status: string;
  cancelledAt: Date | null;
}): Date | null {
  if (booking.status !== "CANCELLED") return null;
  // A cancelled booking always has cancelledAt; updatedAt-less fallback keeps it closed at once.
  const cancelledAt = booking.cancelledAt ?? new Date(0);
  return new Date(cancelledAt.getTime() + closeAfterCancellationDays * DAY);
}

const bookingSummary = {
  id: true,
  status: true,
  cancelledAt: true,
  menteeId: true,
  offeringTitle: true,
  sessionId: true,
  session: { select: { mentorId: true, startsAt: true, capacity: true } },
} satisfies Prisma.BookingSelect;

export type ConversationBooking = Prisma.BookingGetPayload<{ select: typeof bookingSummary }>;

/**
 * The conversation of a booking the user is the mentee or the mentor of, created with its two
 * participants on first use. Any other booking (someone else's, unknown, never confirmed) is
 * NOT_FOUND: existence is not revealed.
 */
export async function openConversation(
  db: Reader,
  userId: string,
  bookingId: string,
): Promise<{ conversationId: string }> {
  const booking = await db.booking.findFirst({
    where: {
      id: bookingId,
      ...conversableBooking,
      OR: [{ menteeId: userId }, { session: { mentorId: userId } }],
    },
    select: bookingSummary,
  });
  if (!booking) throw new AppError("NOT_FOUND");
  return { conversationId: await ensureConversation(db, booking) };
}

/** The id of a booking's conversation, creating it (and its participants) when missing. */
export async function ensureConversation(
  db: Reader,
  booking: Pick<ConversationBooking, "id" | "sessionId" | "menteeId" | "session">,
): Promise<string> {
  const existing = await db.conversation.findUnique({
    where: { bookingId: booking.id },
    select: { id: true },
  });
  if (existing) return existing.id;
  // Two first opens at once: one insert wins, the other finds its row (skipDuplicates).
  await db.conversation.createMany({
    data: { bookingId: booking.id, sessionId: booking.sessionId },
    skipDuplicates: true,
  });
  const created = await db.conversation.findUniqueOrThrow({
    where: { bookingId: booking.id },
    select: { id: true },
  });
  await db.conversationParticipant.createMany({
    data: [
      { conversationId: created.id, userId: booking.session.mentorId, role: "MENTOR" },
      { conversationId: created.id, userId: booking.menteeId, role: "MENTEE" },
    ],
    skipDuplicates: true,
  });
  return created.id;
}

export interface ConversationView {
  id: string;
  booking: ConversationBooking;
  me: { userId: string; role: "MENTOR" | "MENTEE"; lastReadAt: Date | null };
  participants: {
    userId: string;
    name: string;
    role: "MENTOR" | "MENTEE";
    lastReadAt: Date | null;
  }[];
}

/**
 * The conversation as seen by one of its participants. Anyone else gets NOT_FOUND, the same as
 * for an id that does not exist.
 */
export async function conversationFor(
  db: Reader,
  conversationId: string,
  userId: string,
): Promise<ConversationView> {
  const conversation = await db.conversation.findFirst({
    where: { id: conversationId, participants: { some: { userId } } },
    select: {
      id: true,
      booking: { select: bookingSummary },
      participants: {
        select: { userId: true, role: true, lastReadAt: true, user: { select: { name: true } } },
        orderBy: { role: "asc" },
      },
    },
  });
  if (!conversation) throw new AppError("NOT_FOUND");
  const participants = conversation.participants.map((p) => ({
    userId: p.userId,
    name: p.user.name,
    role: p.role,
    lastReadAt: p.lastReadAt,
  }));
  const me = participants.find((p) => p.userId === userId)!;
  return { id: conversation.id, booking: conversation.booking, me, participants };
}

/**
 * Whether this participant may write now. A mentee the mentor blocked cannot, and is told the
 * same as for a closed conversation: blocks are never revealed (see mentor.blocked's page).
 */
export async function canWrite(db: Reader, view: ConversationView, now: Date): Promise<boolean> {
  const closesAt = conversationClosesAt(view.booking);
  if (closesAt && now >= closesAt) return false;
  if (view.me.role === "MENTEE") {
    return !(await isBlocked(db, view.booking.session.mentorId, view.me.userId));
  }
  return true;
}

/**
 * The other live places of a group session the mentor may write to at once: confirmed or
 * completed bookings (a cancelled place no longer hears from the group).
 */
export async function sessionBookingsFor(db: Reader, sessionId: string) {
  return db.booking.findMany({
    where: { sessionId, ...conversableBooking, status: { in: ["CONFIRMED", "COMPLETED"] } },
    select: bookingSummary,
    orderBy: { createdAt: "asc" },
  });
}
