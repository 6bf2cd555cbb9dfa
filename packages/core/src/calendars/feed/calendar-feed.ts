import { createHash } from "node:crypto";
import type { Db, Prisma } from "@mentora/db";
import { negotiateLocale, translate } from "@mentora/i18n";
import { bookingFeedEvents, icsContentType, renderIcsCalendar } from "../../bookings/index.ts";
import { feedOwner } from "./feed-token.ts";

export interface CalendarFeed {
  content: string;
  contentType: string;
  /** Strong ETag of the content: the same bookings give the same bytes. */
  etag: string;
}

/**
 * The iCalendar feed behind a subscription token: the owner's sessions as mentee and mentor
 * (bookings' own UIDs and sequences, cancellations as STATUS:CANCELLED, the join link), or
 * null for a token that is not (or no longer) valid.
 */
export async function calendarFeed(
  prisma: Db | Prisma.TransactionClient,
  token: string,
  options: { publicUrl: string; now: Date },
): Promise<CalendarFeed | null> {
  const owner = await feedOwner(prisma, token);
  if (!owner) return null;
  const events = await bookingFeedEvents(prisma, owner, options);
  const locale = negotiateLocale({ profileLocale: owner.locale });
  const content = renderIcsCalendar(events, {
    method: "PUBLISH",
    name: translate(locale, "email.booking.calendarFeedName"),
  });
  const etag = `"${createHash("sha256").update(content).digest("base64url").slice(0, 32)}"`;
  return { content, contentType: icsContentType, etag };
}
