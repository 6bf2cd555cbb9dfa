import type { Db, Prisma } from "@mentora/db";
import type { BookableOption } from "../availability/index.ts";
import { sellableOptionWhere } from "./public-mentor.ts";

type Reader = Db | Prisma.TransactionClient;

/** The same shape as loadBookableOption's, so offeredSlots can work on these rows directly. */
const bookableInclude = {
  offering: {
    include: {
      mentor: {
        select: { id: true, name: true, email: true, timezone: true, mentorProfile: true },
      },
    },
  },
} as const satisfies Prisma.OfferingOptionInclude;

/** Every sellable option of these mentors (one query), by mentor, shortest first. */
export async function loadSellableOptions(
  db: Reader,
  mentorIds: readonly string[],
): Promise<Map<string, BookableOption[]>> {
  const byMentor = new Map<string, BookableOption[]>();
  if (mentorIds.length === 0) return byMentor;
  const options: BookableOption[] = await db.offeringOption.findMany({
    where: {
      ...sellableOptionWhere,
      offering: { is: { status: "ACTIVE", mentorId: { in: [...mentorIds] } } },
    },
    include: bookableInclude,
    orderBy: [{ durationMinutes: "asc" }, { id: "asc" }],
  });
  for (const option of options) {
    const list = byMentor.get(option.offering.mentorId);
    if (list) list.push(option);
    else byMentor.set(option.offering.mentorId, [option]);
  }
  return byMentor;
}
