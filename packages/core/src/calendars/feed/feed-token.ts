import { createHash, randomBytes } from "node:crypto";
import type { Db, Prisma } from "@mentora/db";

/** 32 random bytes, base64url: the whole secret of a subscription URL. */
const TOKEN_BYTES = 32;
/** What a token looks like (43 base64url characters); anything else is not looked up. */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Only this is stored: a leaked table row does not give anyone a working URL. */
export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function feedUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/calendar/${token}.ics`;
}

/**
 * A new subscription token for the user, replacing any earlier one (one per user: the old URL
 * stops answering in the same statement). The clear token is returned once, never stored.
 */
export async function rotateFeedToken(
  prisma: Db | Prisma.TransactionClient,
  userId: string,
): Promise<{ token: string; createdAt: Date }> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const tokenHash = hashFeedToken(token);
  const row = await prisma.calendarFeedToken.upsert({
    where: { userId },
    create: { userId, tokenHash },
    update: { tokenHash, createdAt: new Date() },
  });
  return { token, createdAt: row.createdAt };
}

export async function revokeFeedToken(
  prisma: Db | Prisma.TransactionClient,
  userId: string,
): Promise<void> {
  await prisma.calendarFeedToken.deleteMany({ where: { userId } });
}

/** The owner of a token, or null (unknown, revoked, malformed, or a deleted account). */
export async function feedOwner(
  prisma: Db | Prisma.TransactionClient,
  token: string,
): Promise<{ id: string; locale: string | null } | null> {
  if (!FEED_TOKEN_PATTERN.test(token)) return null;
  const row = await prisma.calendarFeedToken.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { user: { select: { id: true, locale: true, deletedAt: true } } },
  });
  if (!row || row.user.deletedAt) return null;
  return { id: row.user.id, locale: row.user.locale };
}

/**
 * Where the UI sends people to subscribe: `webcal://` opens Apple Calendar (and Outlook);
 * Google Calendar takes the feed as `cid` on its "add by URL" page.
 */
export function subscribeLinks(url: string): { webcal: string; google: string } {
  const webcal = url.replace(/^https?:\/\//, "webcal://");
  return {
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
  };
}
