import { Prisma } from "@mentora/db";
import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import type { NotificationKind } from "../kinds.ts";
import { notificationItem, toNotificationItem } from "../notification-output.ts";

export const bellInput = z
  .object({ limit: z.number().int().min(1).max(20).default(5) })
  .strict()
  .default({ limit: 5 });

interface BellRow {
  unread: number;
  id: string | null;
  kind: NotificationKind | null;
  data: unknown;
  createdAt: Date | null;
  readAt: Date | null;
}

/**
 * The bell every signed-in page shows: the unread count and the newest lines, in ONE statement
 * (one round trip and one snapshot) where `unreadCount` and `list` took two (decision 059).
 */
export const bell = authedProcedure
  .input(bellInput)
  .output(z.object({ unread: z.number().int(), latest: z.array(notificationItem) }))
  .query(async ({ ctx, input }) => {
    const userId = ctx.user.id;
    // LEFT JOIN LATERAL: one row with the count even when there is no notification at all.
    const rows = await ctx.services.prisma.$queryRaw<BellRow[]>(Prisma.sql`
      SELECT
        (SELECT count(*)::int FROM notification
          WHERE "recipientId" = ${userId} AND "shownInApp" AND "readAt" IS NULL) AS unread,
        latest.id, latest.kind, latest.data, latest."createdAt", latest."readAt"
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT id, kind::text AS kind, data, "createdAt", "readAt" FROM notification
        WHERE "recipientId" = ${userId} AND "shownInApp"
        ORDER BY "createdAt" DESC, id DESC
        LIMIT ${input.limit}
      ) AS latest ON true`);
    const latest = rows.flatMap((row) =>
      row.id !== null && row.kind !== null && row.createdAt !== null
        ? [
            toNotificationItem(
              {
                id: row.id,
                kind: row.kind,
                data: row.data,
                createdAt: row.createdAt,
                readAt: row.readAt,
              },
              ctx,
            ),
          ]
        : [],
    );
    return { unread: rows[0]?.unread ?? 0, latest };
  });
