import type { ModerationResult } from "@mentora/ai";
import type { Prisma } from "@mentora/db";
import type { AppServices } from "../app/types.ts";
import { type AuditActor, writeAudit } from "../audit/index.ts";
import { pgErrorCode } from "../db/pg-error.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { attendanceOf, secondsInCall } from "../video/index.ts";
import { reviewAnswered, reviewSubmitted } from "./events.ts";
import { reviewWindowMs } from "./policy.ts";

type Tx = Prisma.TransactionClient;
type Db = Tx | AppServices["prisma"];

/** Where a booking stands for its viewer's review (the booking page's prompt and form). */
export type ReviewEligibility =
  | { canReview: true; closesAt: Date }
  | {
      canReview: false;
      reason:
        | "REVIEW_NOT_PARTICIPANT"
        | "REVIEW_NOT_OPEN_YET"
        | "REVIEW_NOT_ATTENDED"
        | "REVIEW_WINDOW_CLOSED"
        | "REVIEW_ALREADY_SUBMITTED";
    };

/**
 * Whether `viewerId` may review this booking now. Anyone but its mentee and its mentor gets
 * NOT_FOUND (a booking id says nothing to strangers). The attendance record decides: the
 * session's room verdict is ATTENDED and this participant was in the call for the minimum
 * (VIDEO_MIN_ATTENDANCE_MINUTES), so a group's absent participant cannot review either.
 */
export async function reviewEligibility(
  services: Pick<AppServices, "config">,
  db: Db,
  input: { bookingId: string; viewerId: string; now?: Date },
): Promise<ReviewEligibility> {
  const now = input.now ?? new Date();
  const booking = await db.booking.findUnique({
    where: { id: input.bookingId },
    select: {
      id: true,
      menteeId: true,
      status: true,
      session: {
        select: {
          id: true,
          mentorId: true,
          status: true,
          endsAt: true,
          videoRoom: { select: { verdict: true } },
        },
      },
    },
  });
  if (!booking) throw new AppError("NOT_FOUND");
  if (booking.menteeId !== input.viewerId) {
    if (booking.session.mentorId === input.viewerId) {
      return { canReview: false, reason: "REVIEW_NOT_PARTICIPANT" };
    }
    throw new AppError("NOT_FOUND");
  }
  const facts: ReviewFacts = {
    bookingStatus: booking.status,
    sessionStatus: booking.session.status,
    verdict: booking.session.videoRoom?.verdict ?? null,
    endsAt: booking.session.endsAt,
    reviewed: false,
    attendedSeconds: 0,
  };
  const { minAttendanceMs } = services.config.video;
  // The reads the later checks need, only when the earlier ones pass.
  const opened = eligibilityOf(facts, minAttendanceMs, now);
  if (!opened.canReview && opened.reason === "REVIEW_NOT_OPEN_YET") return opened;
  facts.reviewed = Boolean(
    await db.review.findUnique({ where: { bookingId: booking.id }, select: { id: true } }),
  );
  if (!facts.reviewed && facts.verdict === "ATTENDED") {
    const attendance = await attendanceOf(db, booking.session.id, booking.session.endsAt);
    const mine = attendance.find(
      (entry) => entry.role === "PARTICIPANT" && entry.userId === input.viewerId,
    );
    facts.attendedSeconds = mine?.seconds ?? 0;
  }
  return eligibilityOf(facts, minAttendanceMs, now);
}

/** What decides whether a booking's mentee may review it (read by the callers below). */
interface ReviewFacts {
  bookingStatus: string;
  sessionStatus: string;
  verdict: string | null;
  endsAt: Date;
  reviewed: boolean;
  /** The mentee's seconds in the call (read only when the verdict is ATTENDED and no review). */
  attendedSeconds: number;
}

/** The rule itself, in its order: open, not reviewed, attended for the minimum, window open. */
function eligibilityOf(facts: ReviewFacts, minAttendanceMs: number, now: Date): ReviewEligibility {
  if (
    facts.sessionStatus !== "COMPLETED" ||
    facts.bookingStatus !== "COMPLETED" ||
    !facts.verdict
  ) {
    // Cancelled, still ahead, or attendance not decided yet.
    return { canReview: false, reason: "REVIEW_NOT_OPEN_YET" };
  }
  if (facts.reviewed) return { canReview: false, reason: "REVIEW_ALREADY_SUBMITTED" };
  if (facts.verdict !== "ATTENDED" || facts.attendedSeconds < minAttendanceMs / 1000) {
    return { canReview: false, reason: "REVIEW_NOT_ATTENDED" };
  }
  const closesAt = new Date(facts.endsAt.getTime() + reviewWindowMs);
  if (now >= closesAt) return { canReview: false, reason: "REVIEW_WINDOW_CLOSED" };
  return { canReview: true, closesAt };
}

/** A completed booking whose mentee may review it now. */
export interface BookingOpenForReview {
  id: string;
  sessionId: string;
  menteeId: string;
  offeringTitle: string;
  closesAt: Date;
}

/**
 * The completed bookings of these sessions whose mentee may review now (reviewEligibility's
 * rule for each), read for all the sessions at once (the review reminders in flight, decision
 * 073: it was ~20 statements per two-participant session): one statement for the bookings,
 * their sessions, room verdicts and reviews, and one for the calls' connections when someone
 * may be eligible. Answers every session asked, with its bookings open for review.
 */
export async function bookingsOpenForReview(
  services: Pick<AppServices, "prisma" | "config">,
  sessionIds: readonly string[],
  now = new Date(),
): Promise<Map<string, BookingOpenForReview[]>> {
  const open = new Map<string, BookingOpenForReview[]>(sessionIds.map((id) => [id, []]));
  const rows = await services.prisma.$queryRaw<
    {
      id: string;
      sessionId: string;
      menteeId: string;
      offeringTitle: string;
      sessionStatus: string;
      endsAt: Date;
      verdict: string | null;
      reviewed: boolean;
    }[]
  >`
    SELECT b.id, b."sessionId", b."menteeId", b."offeringTitle", s.status::text AS "sessionStatus",
      s."endsAt", vr.verdict::text AS verdict, (r.id IS NOT NULL) AS reviewed
    FROM booking b
    JOIN mentoring_session s ON s.id = b."sessionId"
    LEFT JOIN video_room vr ON vr."sessionId" = b."sessionId"
    LEFT JOIN review r ON r."bookingId" = b.id
    WHERE b."sessionId" = ANY(${[...sessionIds]}::text[]) AND b.status = 'COMPLETED'
    ORDER BY b."sessionId", b.id`;
  const { minAttendanceMs } = services.config.video;
  const factsOf = (row: (typeof rows)[number], attendedSeconds: number): ReviewFacts => ({
    bookingStatus: "COMPLETED",
    sessionStatus: row.sessionStatus,
    verdict: row.verdict,
    endsAt: row.endsAt,
    reviewed: row.reviewed,
    attendedSeconds,
  });
  // The connections only of sessions where someone gets past the checks that need none.
  const candidates = rows.filter(
    (row) => eligibilityOf(factsOf(row, Number.POSITIVE_INFINITY), minAttendanceMs, now).canReview,
  );
  if (candidates.length === 0) return open;
  const connections = await services.prisma.videoConnection.findMany({
    where: { sessionId: { in: [...new Set(candidates.map((row) => row.sessionId))] } },
    select: {
      sessionId: true,
      userId: true,
      connectedAt: true,
      disconnectedAt: true,
      durationSeconds: true,
    },
  });
  const secondsBySession = new Map<string, (userId: string) => number>();
  for (const row of candidates) {
    let secondsOf = secondsBySession.get(row.sessionId);
    if (!secondsOf) {
      secondsOf = secondsInCall(
        connections.filter((connection) => connection.sessionId === row.sessionId),
        row.endsAt,
      );
      secondsBySession.set(row.sessionId, secondsOf);
    }
    const check = eligibilityOf(factsOf(row, secondsOf(row.menteeId)), minAttendanceMs, now);
    if (!check.canReview) continue;
    open.get(row.sessionId)?.push({
      id: row.id,
      sessionId: row.sessionId,
      menteeId: row.menteeId,
      offeringTitle: row.offeringTitle,
      closesAt: check.closesAt,
    });
  }
  return open;
}

/** What admins read about a "review" verdict: the part, the categories found, the provider. */
function flagReasonOf(part: "review" | "answer", result: ModerationResult): string {
  const categories = [...new Set(result.reasons.map((reason) => reason.category))].join(", ");
  return `${part}: ${categories || result.verdict} (${result.provider})`;
}

/**
 * Text through the AI moderation provider (context "review"): `block` refuses with
 * REVIEW_REJECTED and nothing is stored; `review` publishes it flagged for the admins' queue
 * (/admin/reviews, decision 049). Called before the transaction: a provider may be slow.
 */
async function moderate(
  services: Pick<AppServices, "ai">,
  part: "review" | "answer",
  text: string | null,
): Promise<{ flagged: boolean; reason: string | null }> {
  if (!text) return { flagged: false, reason: null };
  const result = await services.ai.moderation.moderateText({ text, context: "review" });
  if (result.verdict === "block") throw new AppError("REVIEW_REJECTED");
  if (result.verdict === "review") return { flagged: true, reason: flagReasonOf(part, result) };
  return { flagged: false, reason: null };
}

/** Moves the mentor's visible-review aggregate by one review, in the caller's transaction. */
async function moveAggregate(tx: Tx, mentorId: string, rating: number, direction: 1 | -1) {
  await tx.mentorProfile.updateMany({
    where: { userId: mentorId },
    data: {
      ratingCount: { increment: direction },
      ratingSum: { increment: direction * rating },
    },
  });
}

/**
 * A participant rates a booking they attended (1–5, optional text), once. The review, the
 * mentor's aggregate and the `review.submitted` event commit together; two submissions racing
 * for one booking meet the unique index and the second gets REVIEW_ALREADY_SUBMITTED.
 */
export async function submitReview(
  services: AppServices,
  input: { bookingId: string; authorId: string; rating: number; text: string | null; now?: Date },
) {
  const now = input.now ?? new Date();
  const check = await reviewEligibility(services, services.prisma, {
    bookingId: input.bookingId,
    viewerId: input.authorId,
    now,
  });
  if (!check.canReview) throw new AppError(check.reason);
  const moderation = await moderate(services, "review", input.text);
  try {
    return await services.prisma.$transaction(async (tx) => {
      const booking = await tx.booking.findUniqueOrThrow({
        where: { id: input.bookingId },
        select: { offeringTitle: true, session: { select: { id: true, mentorId: true } } },
      });
      const review = await tx.review.create({
        data: {
          bookingId: input.bookingId,
          sessionId: booking.session.id,
          mentorId: booking.session.mentorId,
          authorId: input.authorId,
          rating: input.rating,
          text: input.text,
          flagged: moderation.flagged,
          flagReason: moderation.reason,
          createdAt: now,
        },
      });
      await moveAggregate(tx, review.mentorId, review.rating, 1);
      await recordEvent(
        services,
        tx,
        reviewSubmitted.of(
          {
            reviewId: review.id,
            bookingId: review.bookingId,
            mentorId: review.mentorId,
            authorId: review.authorId,
            rating: review.rating,
            flagged: review.flagged,
            title: booking.offeringTitle,
          },
          now,
        ),
      );
      services.logger.info(
        { reviewId: review.id, bookingId: review.bookingId, flagged: review.flagged },
        "review submitted",
      );
      return review;
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw new AppError("REVIEW_ALREADY_SUBMITTED");
    throw error;
  }
}

/**
 * The mentor answers a review of one of their sessions, once (a guarded update: a second answer,
 * even racing, gets REVIEW_ALREADY_ANSWERED). Anyone else gets NOT_FOUND.
 */
export async function answerReview(
  services: AppServices,
  input: { reviewId: string; mentorId: string; answer: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const review = await services.prisma.review.findUnique({ where: { id: input.reviewId } });
  if (!review || review.mentorId !== input.mentorId) throw new AppError("NOT_FOUND");
  if (review.answer !== null) throw new AppError("REVIEW_ALREADY_ANSWERED");
  const moderation = await moderate(services, "answer", input.answer);
  return services.prisma.$transaction(async (tx) => {
    const { count } = await tx.review.updateMany({
      where: { id: review.id, answer: null },
      data: {
        answer: input.answer,
        answeredAt: now,
        // A flag already standing stays; a flagged answer raises one.
        ...(moderation.flagged ? { flagged: true, flagReason: moderation.reason } : {}),
      },
    });
    if (count === 0) throw new AppError("REVIEW_ALREADY_ANSWERED");
    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: review.bookingId },
      select: { offeringTitle: true },
    });
    await recordEvent(
      services,
      tx,
      reviewAnswered.of(
        {
          reviewId: review.id,
          bookingId: review.bookingId,
          mentorId: review.mentorId,
          authorId: review.authorId,
          flagged: moderation.flagged,
          title: booking.offeringTitle,
        },
        now,
      ),
    );
    return tx.review.findUniqueOrThrow({ where: { id: review.id } });
  });
}

/**
 * An admin hides a visible review (with a reason), shows a hidden one again, or keeps a flagged
 * one as it is. Each is a guarded transition (REVIEW_STATUS_CONFLICT when the review is not in
 * the state the admin saw), audit-logged, and moves the mentor's aggregate in the same commit.
 * Any decision clears the moderation flag: an admin has looked at it.
 */
export async function moderateReview(
  services: AppServices,
  input: {
    reviewId: string;
    action: "hide" | "unhide" | "keep";
    reason: string | null;
    audit: AuditActor & { actorId: string };
    now?: Date;
  },
) {
  const now = input.now ?? new Date();
  return services.prisma.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: input.reviewId } });
    if (!review) throw new AppError("NOT_FOUND");
    const guard =
      input.action === "hide"
        ? { hidden: false }
        : input.action === "unhide"
          ? { hidden: true }
          : { hidden: false, flagged: true };
    const data =
      input.action === "hide"
        ? {
            hidden: true,
            hiddenReason: input.reason,
            hiddenAt: now,
            hiddenById: input.audit.actorId,
            flagged: false,
          }
        : input.action === "unhide"
          ? { hidden: false, hiddenReason: null, hiddenAt: null, hiddenById: null, flagged: false }
          : { flagged: false };
    const { count } = await tx.review.updateMany({ where: { id: review.id, ...guard }, data });
    if (count === 0) throw new AppError("REVIEW_STATUS_CONFLICT");
    if (input.action === "hide") await moveAggregate(tx, review.mentorId, review.rating, -1);
    if (input.action === "unhide") await moveAggregate(tx, review.mentorId, review.rating, 1);
    await writeAudit(tx, input.audit, {
      action: `review.${input.action}`,
      targetType: "review",
      targetId: review.id,
      details: {
        mentorId: review.mentorId,
        rating: review.rating,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    services.logger.info({ reviewId: review.id, action: input.action }, "review moderated");
    return tx.review.findUniqueOrThrow({ where: { id: review.id } });
  });
}

/**
 * The aggregate recomputed from the reviews themselves (visible ones): what the stored
 * ratingCount/ratingSum must equal. For tests and the seed's checks.
 */
export async function ratingAggregateOf(db: Db, mentorId: string) {
  const result = await db.review.aggregate({
    where: { mentorId, hidden: false },
    _count: { _all: true },
    _sum: { rating: true },
  });
  return { ratingCount: result._count._all, ratingSum: result._sum.rating ?? 0 };
}
