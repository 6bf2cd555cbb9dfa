import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import {
  type BookableOption,
  loadBookableOption,
  offeredSlots,
  unbookableReason,
} from "../availability/index.ts";
import { isBlocked } from "../blocks/index.ts";
import { pgErrorCode } from "../db/pg-error.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { hashInvitationToken } from "../invitations/index.ts";
import { enqueue } from "../jobs/define.ts";
import { bookingConfirmed, bookingHeld } from "./events.ts";
import { expireHoldQueue } from "./expire-hold.queue.ts";
import { type BookingWithSession, bookingInclude, liveBookingStatuses } from "./snapshot.ts";

export interface HoldSlotInput {
  menteeId: string;
  optionId: string;
  startsAt: Date;
  note?: string;
  /** What the mentee wants to work on (the confirmation's topic field). */
  topic?: string;
  skillSlugs?: string[];
  invitationToken?: string;
}

const MINUTE = 60_000;
/** Under a burst of holds, transactions wait for a pooled connection: allow for that. */
const transactionOptions = { maxWait: 15_000, timeout: 20_000 };

/**
 * Takes a place in a slot. Paid: the booking waits in PENDING_PAYMENT until its hold expires
 * (a job releases it). Free: confirmed at once. Two holds on one slot cannot both win: the
 * session insert is guarded by the exclusion constraint; a group seat by a row lock.
 */
export async function holdSlot(
  services: AppServices,
  input: HoldSlotInput,
  now = new Date(),
): Promise<BookingWithSession> {
  // A burst on one slot (a popular mentor's opening): only the first hold of this process runs
  // at once; the others wait for it to settle. If it won a one-to-one slot, the slot is taken:
  // they are refused at once; otherwise they look at the slot once for all of them (issue #14:
  // 200 holds cost 64× one hold, then 8–11× with two statements per waiter; decision 081). The
  // database (exclusion constraint, row locks) stays the guard; this only saves work.
  const key = `${input.optionId}\u0000${input.startsAt.getTime()}`;
  const inFlight = holdsInFlight.get(key);
  if (inFlight) {
    const won = await inFlight.settled;
    inFlight.slotAfter ??=
      won && won.session.offering.kind !== "GROUP"
        ? Promise.resolve({ taken: true, mentorId: won.session.mentor.id })
        : // A failed look (a dropped connection) leaves each hold to find its own answer.
          slotAfterFirstHold(services, input).catch(() => undefined);
    const after = await inFlight.slotAfter;
    if (after?.taken) {
      // The answers this hold's own checks give first when the slot is taken. A blocked mentee
      // hears SLOT_TAKEN like anyone else here: nothing about the block shows.
      if (after.mentorId === input.menteeId) throw new AppError("FORBIDDEN");
      throw new AppError("SLOT_TAKEN");
    }
    return holdSlotNow(services, input, now);
  }
  const attempt = holdSlotNow(services, input, now);
  const entry: HoldInFlight = {
    settled: attempt.then(
      (booking) => booking,
      () => undefined,
    ),
  };
  holdsInFlight.set(key, entry);
  try {
    return await attempt;
  } finally {
    if (holdsInFlight.get(key) === entry) holdsInFlight.delete(key);
  }
}

interface HoldInFlight {
  /** The first hold's booking once it settled; undefined if it was refused or failed. */
  settled: Promise<BookingWithSession | undefined>;
  /** The slot as the holds that waited on it see it after it settled: looked at once. */
  slotAfter?: Promise<{ taken: boolean; mentorId: string } | undefined>;
}

/** The first hold still running per option and start, in this process (see holdSlot). */
const holdsInFlight = new Map<string, HoldInFlight>();

/**
 * Whether the slot is taken, for every hold that waited on the first one; undefined when the
 * option is not bookable (each hold then gives its own reason).
 */
async function slotAfterFirstHold(services: AppServices, input: HoldSlotInput) {
  const option = await loadBookableOption(services.prisma, input.optionId);
  if (!option || unbookableReason(option)) return undefined;
  const endsAt = new Date(input.startsAt.getTime() + option.durationMinutes * MINUTE);
  return {
    taken: await slotTaken(services.prisma, option, input.startsAt, endsAt),
    mentorId: option.offering.mentorId,
  };
}

/**
 * A live session of the mentor overlaps [startsAt, endsAt) (its buffer included): one indexed
 * probe. A group session of this very option and start may still have a seat: not taken.
 */
async function slotTaken(
  prisma: AppServices["prisma"],
  option: BookableOption,
  startsAt: Date,
  endsAt: Date,
): Promise<boolean> {
  const taken = await prisma.mentoringSession.findFirst({
    where: {
      mentorId: option.offering.mentorId,
      status: "SCHEDULED",
      startsAt: { lt: endsAt },
      blockedUntil: { gt: startsAt },
      NOT:
        option.offering.kind === "GROUP" ? { optionId: option.id, startsAt: startsAt } : undefined,
    },
    select: { id: true },
  });
  return taken !== null;
}

async function holdSlotNow(
  services: AppServices,
  input: HoldSlotInput,
  now: Date,
): Promise<BookingWithSession> {
  const { prisma, config } = services;
  const option = await loadBookableOption(prisma, input.optionId);
  const reason = unbookableReason(option);
  if (reason || !option) throw new AppError(reason ?? "OFFERING_UNAVAILABLE");
  if (option.offering.mentorId === input.menteeId) throw new AppError("FORBIDDEN");
  // A blocked mentee hears what anyone hears for a slot that is gone: the block stays private.
  if (await isBlocked(prisma, option.offering.mentorId, input.menteeId)) {
    throw new AppError("SLOT_UNAVAILABLE");
  }

  const price = await priceFor(services, option, input);
  const skills = await skillIds(services, input.skillSlugs);

  const endsAt = new Date(input.startsAt.getTime() + option.durationMinutes * MINUTE);
  // Taken already? The answer the slot computation below would give, without its cost.
  if (await slotTaken(prisma, option, input.startsAt, endsAt)) throw new AppError("SLOT_TAKEN");
  const [slot] = (
    await offeredSlots(prisma, option, { from: input.startsAt, to: endsAt, now })
  ).filter((candidate) => candidate.startMs === input.startsAt.getTime());
  if (!slot) {
    // Not offered: either someone booked it since the viewer saw it, or it never was. A group
    // session of this very option and start is not offered once full: its seats are gone (a
    // burst on a group slot filled it after the probe above), not the slot.
    if (option.offering.kind === "GROUP") {
      const own = await prisma.mentoringSession.findFirst({
        where: { optionId: option.id, startsAt: input.startsAt, status: "SCHEDULED" },
        select: {
          capacity: true,
          _count: { select: { bookings: { where: { status: { in: [...liveBookingStatuses] } } } } },
        },
      });
      if (own && own._count.bookings >= own.capacity) throw new AppError("SESSION_FULL");
    }
    const taken = await prisma.mentoringSession.count({
      where: {
        mentorId: option.offering.mentorId,
        status: "SCHEDULED",
        startsAt: { lt: endsAt },
        blockedUntil: { gt: input.startsAt },
      },
    });
    throw new AppError(taken > 0 ? "SLOT_TAKEN" : "SLOT_UNAVAILABLE");
  }
  if (slot.seatsLeft === 0) throw new AppError("SESSION_FULL");

  const isFree = price.priceMinor === 0;
  const holdExpiresAt = new Date(now.getTime() + config.bookings.holdMinutes * MINUTE);
  const bufferMinutes = option.offering.mentor.mentorProfile?.bufferMinutes ?? 0;

  // A group slot may be created by a concurrent hold between our read and our insert: then the
  // insert fails on the exclusion constraint, and a fresh transaction joins that session.
  for (let attempt = 1; ; attempt += 1) {
    try {
      const bookingId = await prisma.$transaction(async (tx) => {
        await enforceMenteeCaps(services, tx, {
          menteeId: input.menteeId,
          mentorId: option.offering.mentorId,
          startsAt: input.startsAt,
          isFree,
          now,
        });
        // KEY SHARE: conflicts with the demotion's FOR UPDATE (it waits for this hold and then
        // cancels the session, or this hold waits and is refused) but not with another hold's
        // NO KEY UPDATE of this user as a mentee, so two mentors booking each other never deadlock.
        const [mentor] = await tx.$queryRaw<{ role: string }[]>`
          SELECT role::text FROM "user" WHERE id = ${option.offering.mentorId} FOR KEY SHARE`;
        if (!mentor || mentor.role === "MENTEE") throw new AppError("OFFERING_UNAVAILABLE");
        const sessionId = await findOrCreateSession(tx, option, {
          startsAt: input.startsAt,
          endsAt,
          blockedUntil: new Date(endsAt.getTime() + bufferMinutes * MINUTE),
        });
        const booking = await tx.booking.create({
          data: {
            sessionId,
            menteeId: input.menteeId,
            status: isFree ? "CONFIRMED" : "PENDING_PAYMENT",
            holdExpiresAt: isFree ? null : holdExpiresAt,
            confirmedAt: isFree ? now : null,
            offeringTitle: option.offering.title,
            durationMinutes: option.durationMinutes,
            priceMinor: price.priceMinor,
            currency: price.currency,
            note: input.note,
            topic: input.topic,
            invitationId: price.invitationId,
            skills: { create: skills.map((skillId) => ({ skillId })) },
          },
        });
        if (price.invitationId) {
          await tx.invitationUse.create({
            data: {
              invitationId: price.invitationId,
              userId: input.menteeId,
              bookingId: booking.id,
            },
          });
        }
        if (isFree) {
          await recordEvent(
            services,
            tx,
            bookingConfirmed.of(
              {
                bookingId: booking.id,
                sessionId,
                scheduleVersion: booking.scheduleVersion,
                startsAt: input.startsAt.toISOString(),
              },
              now,
            ),
          );
        } else {
          await recordEvent(
            services,
            tx,
            bookingHeld.of({ bookingId: booking.id, sessionId }, now),
          );
          await enqueue(
            services.boss,
            expireHoldQueue,
            { bookingId: booking.id },
            {
              db: fromPrisma(tx),
              startAfter: holdExpiresAt,
            },
          );
        }
        return booking.id;
      }, transactionOptions);
      return await prisma.booking.findUniqueOrThrow({
        where: { id: bookingId },
        include: bookingInclude,
      });
    } catch (error) {
      const code = pgErrorCode(error);
      if (code === "23P01") {
        if (option.offering.kind === "GROUP" && attempt < 3) continue;
        throw new AppError("SLOT_TAKEN");
      }
      if (code === "23505") {
        const message = String((error as Error).message ?? "");
        const detail = JSON.stringify((error as { meta?: unknown }).meta ?? {});
        if (`${message}${detail}`.includes("invitation_use")) throw new AppError("INVITATION_USED");
        throw new AppError("ALREADY_BOOKED");
      }
      throw error;
    }
  }
}

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week `date` falls in. */
export function utcWeekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
}

/**
 * The per-mentee caps, checked under a lock on the mentee's row so that concurrent holds of one
 * mentee queue here: two cannot both count N-1 and both pass. Unpaid holds: at most
 * MAX_OPEN_HOLDS live at once. Free places: at most MAX_FREE_BOOKINGS_PER_WEEK live or done
 * with one mentor in the slot's week (Monday–Sunday UTC), so nobody can take every free slot.
 */
async function enforceMenteeCaps(
  services: AppServices,
  tx: Prisma.TransactionClient,
  input: { menteeId: string; mentorId: string; startsAt: Date; isFree: boolean; now: Date },
): Promise<void> {
  const { maxOpenHolds, maxFreeBookingsPerWeek } = services.config.moneyPaths;
  // NO KEY UPDATE: serializes this mentee's holds without blocking foreign keys to the row.
  await tx.$queryRaw`SELECT id FROM "user" WHERE id = ${input.menteeId} FOR NO KEY UPDATE`;
  if (!input.isFree) {
    const open = await tx.booking.count({
      where: {
        menteeId: input.menteeId,
        status: "PENDING_PAYMENT",
        holdExpiresAt: { gt: input.now },
      },
    });
    if (open >= maxOpenHolds) throw new AppError("HOLD_LIMIT_REACHED", { maxOpenHolds });
    return;
  }
  const weekStart = utcWeekStart(input.startsAt);
  const free = await tx.booking.count({
    where: {
      menteeId: input.menteeId,
      priceMinor: 0,
      status: { in: ["CONFIRMED", "COMPLETED"] },
      session: {
        mentorId: input.mentorId,
        startsAt: { gte: weekStart, lt: new Date(weekStart.getTime() + 7 * DAY) },
      },
    },
  });
  if (free >= maxFreeBookingsPerWeek) {
    throw new AppError("FREE_BOOKING_LIMIT_REACHED", {
      maxFreeBookingsPerWeek,
      weekStart: weekStart.toISOString().slice(0, 10),
    });
  }
}

async function findOrCreateSession(
  tx: Prisma.TransactionClient,
  option: BookableOption,
  times: { startsAt: Date; endsAt: Date; blockedUntil: Date },
): Promise<string> {
  const { offering } = option;
  if (offering.kind === "GROUP") {
    // Lock the session row: seats are counted and taken one hold at a time.
    const [existing] = await tx.$queryRaw<{ id: string; capacity: number }[]>`
      SELECT id, capacity FROM mentoring_session
      WHERE "optionId" = ${option.id} AND "startsAt" = ${times.startsAt} AND status = 'SCHEDULED'
      FOR UPDATE`;
    if (existing) {
      const taken = await tx.booking.count({
        where: { sessionId: existing.id, status: { in: [...liveBookingStatuses] } },
      });
      if (taken >= existing.capacity) throw new AppError("SESSION_FULL");
      return existing.id;
    }
  }
  // Capacity as of now, share-locked: a concurrent capacity change waits for this hold.
  const [current] = await tx.$queryRaw<{ capacity: number; status: string }[]>`
    SELECT capacity, status::text FROM offering WHERE id = ${offering.id} FOR SHARE`;
  if (current?.status !== "ACTIVE") throw new AppError("OFFERING_UNAVAILABLE");
  const session = await tx.mentoringSession.create({
    data: {
      mentorId: offering.mentorId,
      offeringId: offering.id,
      optionId: option.id,
      capacity: current.capacity,
      ...times,
    },
  });
  return session.id;
}

async function priceFor(services: AppServices, option: BookableOption, input: HoldSlotInput) {
  const standard = { priceMinor: option.priceMinor, currency: option.currency, invitationId: null };
  if (!input.invitationToken) return standard;
  const invitation = await services.prisma.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(input.invitationToken) },
  });
  const mentee = await services.prisma.user.findUnique({
    where: { id: input.menteeId },
    select: { email: true },
  });
  const valid =
    invitation &&
    invitation.offeringId === option.offeringId &&
    !invitation.revokedAt &&
    invitation.expiresAt > new Date() &&
    (!invitation.email || invitation.email.toLowerCase() === mentee?.email.toLowerCase());
  if (!valid) throw new AppError("INVITATION_INVALID");
  if (invitation.durationMinutes !== option.durationMinutes) {
    throw new AppError("INVITATION_WRONG_DURATION", {
      durationMinutes: invitation.durationMinutes ?? 0,
    });
  }
  const used = await services.prisma.invitationUse.findUnique({
    where: { invitationId_userId: { invitationId: invitation.id, userId: input.menteeId } },
  });
  if (used) throw new AppError("INVITATION_USED");
  if (invitation.priceMinor === null) return { ...standard, invitationId: invitation.id };
  return {
    priceMinor: invitation.priceMinor,
    currency: invitation.currency ?? option.currency,
    invitationId: invitation.id,
  };
}

async function skillIds(services: AppServices, slugs: string[] | undefined): Promise<string[]> {
  if (!slugs?.length) return [];
  const skills = await services.prisma.skill.findMany({ where: { slug: { in: slugs } } });
  if (skills.length !== new Set(slugs).size) {
    throw new AppError("VALIDATION_FAILED", { field: "skillSlugs" });
  }
  return skills.map((skill) => skill.id);
}
