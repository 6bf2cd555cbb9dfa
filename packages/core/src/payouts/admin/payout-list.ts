/** The admin payout lists' shape (history and queue): rows flagged when their method is fresh. */
import { z } from "zod";
import { pageOutput } from "../../trpc/pagination.ts";
import { adminPayoutRow } from "./list-payouts.ts";

const listRow = adminPayoutRow.extend({
  /** The paid-to method was set less than the cooldown before the request: the page flags it. */
  methodIsFresh: z.boolean(),
});
export const adminPayoutListOutput = pageOutput(listRow);

/** Flags the payouts asked for to a method set within the cooldown (a takeover's pattern). */
export function withFreshness<Row extends { methodAgeHours: number | null }>(
  page: { items: Row[]; nextCursor: string | null },
  cooldownMs: number,
) {
  return {
    ...page,
    items: page.items.map((row) => ({
      ...row,
      methodIsFresh: row.methodAgeHours !== null && row.methodAgeHours * 3_600_000 < cooldownMs,
    })),
  };
}
