import type { PrismaClient } from "@mentora/db";

/** The most recent conversations the median is taken over: old habits fade, and it stays cheap. */
const recentConversations = 50;

/**
 * How long a mentor usually takes to answer: in each of their recent conversations, the time from
 * the mentee's first message to the mentor's first reply after it; the median in seconds, or
 * null when no conversation has a reply yet (the page then says nothing).
 */
export async function medianFirstReplySeconds(
  db: Pick<PrismaClient, "$queryRaw">,
  mentorId: string,
): Promise<number | null> {
  const rows = await db.$queryRaw<{ median: number | null }[]>`
    WITH recent AS (
      SELECT p."conversationId" AS id
      FROM conversation_participant p
      JOIN conversation c ON c.id = p."conversationId"
      WHERE p."userId" = ${mentorId} AND p.role = 'MENTOR'
      ORDER BY c."createdAt" DESC
      LIMIT ${recentConversations}
    ), asked AS (
      SELECT r.id, (
        SELECT min(m."createdAt") FROM message m
        WHERE m."conversationId" = r.id AND m."senderId" <> ${mentorId}
      ) AS at
      FROM recent r
    ), answered AS (
      SELECT a.at AS asked_at, (
        SELECT min(m."createdAt") FROM message m
        WHERE m."conversationId" = a.id AND m."senderId" = ${mentorId} AND m."createdAt" > a.at
      ) AS at
      FROM asked a
      WHERE a.at IS NOT NULL
    )
    SELECT percentile_cont(0.5) WITHIN GROUP (
      ORDER BY extract(epoch FROM answered.at - answered.asked_at)
    )::float8 AS median
    FROM answered
    WHERE answered.at IS NOT NULL`;
  const median = rows[0]?.median;
  return median === null || median === undefined ? null : Number(median);
}
