import type { Prisma } from "@mentora/db";
import { z } from "zod";
import { listedProfileWhere } from "../moderation/index.ts";

/**
 * Only approved mentors are public; a paused one (not accepting bookings) is still listed. One
 * demoted to mentee by an admin is not, whatever their profile says.
 */
export const publicMentorWhere = {
  mentorProfile: { is: { status: "APPROVED" } },
  role: { not: "MENTEE" },
  // A profile whose public text moderation withholds is unlisted (issue #16).
  ...listedProfileWhere,
} as const satisfies Prisma.UserWhereInput;

/** Options that can be sold: not archived, of an active offering. */
export const sellableOptionWhere = {
  archivedAt: null,
  offering: { is: { status: "ACTIVE" } },
} as const satisfies Prisma.OfferingOptionWhereInput;

export const priceRange = z.object({
  currency: z.string(),
  minMinor: z.number().int(),
  maxMinor: z.number().int(),
});
export type PriceRange = z.output<typeof priceRange>;

/** The lowest and highest price in each currency, currencies in alphabetical order. */
export function priceRangesOf(
  options: readonly { priceMinor: number; currency: string }[],
): PriceRange[] {
  const ranges = new Map<string, PriceRange>();
  for (const { priceMinor, currency } of options) {
    const range = ranges.get(currency);
    if (!range) ranges.set(currency, { currency, minMinor: priceMinor, maxMinor: priceMinor });
    else {
      range.minMinor = Math.min(range.minMinor, priceMinor);
      range.maxMinor = Math.max(range.maxMinor, priceMinor);
    }
  }
  return [...ranges.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
