import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";

export const blockedMentee = z.object({
  menteeId: z.string(),
  name: z.string(),
  avatarVersion: z.string().nullable(),
  blockedAt: z.date(),
});

/** The people this mentor blocked, most recent first (a mentor blocks few: no paging). */
export const list = mentorProcedure.output(z.array(blockedMentee)).query(async ({ ctx }) => {
  const { prisma } = ctx.services;
  const rows = await prisma.mentorBlock.findMany({
    where: { mentorId: ctx.user.id },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const users = await prisma.user.findMany({
    where: { id: { in: rows.map((row) => row.menteeId) } },
    select: { id: true, name: true, avatarVersion: true },
  });
  const byId = new Map(users.map((user) => [user.id, user]));
  return rows.map((row) => ({
    menteeId: row.menteeId,
    name: byId.get(row.menteeId)?.name ?? "",
    avatarVersion: byId.get(row.menteeId)?.avatarVersion ?? null,
    blockedAt: row.createdAt,
  }));
});
