import type { Db } from "@mentora/db";
import { AppError } from "../errors/index.ts";
import { type OfferingWithOptions, offeringInclude } from "./offering-output.ts";

type OfferingStatus = "ACTIVE" | "ARCHIVED";

/**
 * Moves the mentor's own offering from one status to the other, guarded: the update only
 * applies while the offering is in the expected status, so two concurrent calls cannot both
 * succeed. Another mentor's offering reads as NOT_FOUND; one already in the target status as
 * CONFLICT. Bookings already made are untouched; an archived offering just takes no new ones.
 */
export async function setOfferingStatus(
  prisma: Db,
  input: { mentorId: string; offeringId: string; to: OfferingStatus },
): Promise<OfferingWithOptions> {
  const from: OfferingStatus = input.to === "ARCHIVED" ? "ACTIVE" : "ARCHIVED";
  const { count } = await prisma.offering.updateMany({
    where: { id: input.offeringId, mentorId: input.mentorId, status: from },
    data: { status: input.to },
  });
  const offering = await prisma.offering.findFirst({
    where: { id: input.offeringId, mentorId: input.mentorId },
    include: offeringInclude,
  });
  if (!offering) throw new AppError("NOT_FOUND");
  if (count === 0) {
    throw new AppError("CONFLICT", {
      reason: input.to === "ARCHIVED" ? "ALREADY_ARCHIVED" : "ALREADY_ACTIVE",
    });
  }
  return offering;
}
