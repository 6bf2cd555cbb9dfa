/**
 * Mentor blocks: a mentor refuses bookings (and, later, messages) from a mentee. trpc/router.ts
 * mounts ./router.ts.
 */
import type { Db, Prisma } from "@mentora/db";

/** True when this mentor blocked this mentee. */
export async function isBlocked(
  prisma: Db | Prisma.TransactionClient,
  mentorId: string,
  menteeId: string,
): Promise<boolean> {
  return (await prisma.mentorBlock.count({ where: { mentorId, menteeId } })) > 0;
}
