import type { Db, Prisma } from "@mentora/db";
import { liveBookingStatuses } from "../bookings/index.ts";
import { pgErrorCode } from "../db/pg-error.ts";
import { AppError } from "../errors/index.ts";
import { type OfferingWithOptions, offeringInclude } from "./offering-output.ts";
import { maxLiveOptions, type OptionInput } from "./option-input.ts";

export interface UpdateOfferingInput {
  mentorId: string;
  offeringId: string;
  title?: string | undefined;
  description?: string | undefined;
  /** Group offerings only. */
  capacity?: number | undefined;
  /** New durations (a duration archived earlier comes back on sale at the given price). */
  addOptions?: readonly OptionInput[] | undefined;
  /** New prices of live options. */
  prices?: readonly { optionId: string; priceMinor: number }[] | undefined;
  /** Options to take off sale; they are never deleted, as sessions may point at them. */
  archiveOptionIds?: readonly string[] | undefined;
}

/**
 * Edits the mentor's own offering in one transaction, with the offering row locked so two edits
 * never interleave. Bookings keep the price they were made at (their own snapshot), so a new
 * price only applies to bookings made after it. A new group capacity also applies to the
 * sessions still ahead, and may not go below the places already taken in any of them.
 */
export async function updateOffering(
  prisma: Db,
  input: UpdateOfferingInput,
  now = new Date(),
  /** Runs in the editing transaction (the procedure records profile.changed there). */
  afterChange?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<OfferingWithOptions> {
  try {
    return await prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM offering
        WHERE id = ${input.offeringId} AND "mentorId" = ${input.mentorId}
        FOR UPDATE`;
      if (!locked) throw new AppError("NOT_FOUND");
      const offering = await tx.offering.findUniqueOrThrow({
        where: { id: input.offeringId },
        include: offeringInclude,
      });

      if (input.capacity !== undefined && input.capacity !== offering.capacity) {
        if (offering.kind !== "GROUP") {
          throw new AppError("VALIDATION_FAILED", {
            field: "capacity",
            reason: "ONE_TO_ONE_CAPACITY",
          });
        }
        await applyGroupCapacity(tx, offering.id, input.capacity, now);
      }

      const byId = new Map(offering.options.map((option) => [option.id, option]));
      const ownOption = (optionId: string) => {
        const option = byId.get(optionId);
        if (!option) throw new AppError("NOT_FOUND", { optionId });
        return option;
      };

      for (const { optionId, priceMinor } of input.prices ?? []) {
        ownOption(optionId);
        const { count } = await tx.offeringOption.updateMany({
          where: { id: optionId, offeringId: offering.id, archivedAt: null },
          data: { priceMinor },
        });
        if (count === 0) throw new AppError("CONFLICT", { reason: "OPTION_ARCHIVED", optionId });
      }

      for (const optionId of input.archiveOptionIds ?? []) {
        ownOption(optionId);
        const { count } = await tx.offeringOption.updateMany({
          where: { id: optionId, offeringId: offering.id, archivedAt: null },
          data: { archivedAt: now },
        });
        if (count === 0) throw new AppError("CONFLICT", { reason: "OPTION_ARCHIVED", optionId });
      }

      const currency = offering.options[0]?.currency;
      for (const option of input.addOptions ?? []) {
        if (currency && option.currency !== currency) {
          throw new AppError("VALIDATION_FAILED", {
            field: "addOptions",
            reason: "CURRENCY_MISMATCH",
            currency,
          });
        }
        const same = offering.options.find((o) => o.durationMinutes === option.durationMinutes);
        if (!same) {
          await tx.offeringOption.create({ data: { offeringId: offering.id, ...option } });
          continue;
        }
        // The duration exists: back on sale if it was archived (in an earlier edit or this one).
        const { count } = await tx.offeringOption.updateMany({
          where: { id: same.id, archivedAt: { not: null } },
          data: { archivedAt: null, priceMinor: option.priceMinor },
        });
        if (count === 0) {
          throw new AppError("CONFLICT", {
            reason: "DURATION_EXISTS",
            durationMinutes: option.durationMinutes,
          });
        }
      }

      const live = await tx.offeringOption.count({
        where: { offeringId: offering.id, archivedAt: null },
      });
      if (live === 0) {
        throw new AppError("VALIDATION_FAILED", {
          field: "archiveOptionIds",
          reason: "LAST_OPTION",
        });
      }
      if (live > maxLiveOptions) {
        throw new AppError("VALIDATION_FAILED", {
          field: "addOptions",
          reason: "TOO_MANY_OPTIONS",
          max: maxLiveOptions,
        });
      }

      const updated = await tx.offering.update({
        where: { id: offering.id },
        data: {
          title: input.title,
          description: input.description,
          capacity: input.capacity,
          updatedAt: now,
        },
        include: offeringInclude,
      });
      await afterChange?.(tx);
      return updated;
    });
  } catch (error) {
    // A concurrent edit outside this lock (none today) adding the same duration.
    if (pgErrorCode(error) === "23505")
      throw new AppError("CONFLICT", { reason: "DURATION_EXISTS" });
    throw error;
  }
}

/**
 * Locks the sessions still ahead (a hold counts seats under the same lock), refuses a capacity
 * below the places taken in any of them, then gives them the new capacity.
 */
async function applyGroupCapacity(
  tx: Prisma.TransactionClient,
  offeringId: string,
  capacity: number,
  now: Date,
): Promise<void> {
  const sessions = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM mentoring_session
    WHERE "offeringId" = ${offeringId} AND status = 'SCHEDULED' AND "startsAt" > ${now}
    FOR UPDATE`;
  if (sessions.length === 0) return;
  const ids = sessions.map((session) => session.id);
  const taken = await tx.booking.groupBy({
    by: ["sessionId"],
    where: { sessionId: { in: ids }, status: { in: [...liveBookingStatuses] } },
    _count: { _all: true },
  });
  const mostTaken = Math.max(0, ...taken.map((row) => row._count._all));
  if (capacity < mostTaken) {
    throw new AppError("CONFLICT", { reason: "CAPACITY_BELOW_BOOKINGS", booked: mostTaken });
  }
  await tx.mentoringSession.updateMany({ where: { id: { in: ids } }, data: { capacity } });
}
