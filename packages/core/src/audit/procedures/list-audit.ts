import { z } from "zod";
import { adminProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";

export const listAuditInput = z
  .object({
    actorId: z.string().min(1).max(100).optional(),
    action: z.string().min(1).max(100).optional(),
    targetType: z.string().min(1).max(100).optional(),
    targetId: z.string().min(1).max(100).optional(),
    /** At or after (inclusive). */
    from: z.coerce.date().optional(),
    /** Before (exclusive). */
    to: z.coerce.date().optional(),
    ...pageInput({ defaultLimit: 50 }),
  })
  .strict();

export const auditRow = z.object({
  id: z.string(),
  createdAt: z.date(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

/** The audit log, newest first, with filters and a cursor (the last row's id). */
export const listAudit = adminProcedure
  .input(listAuditInput)
  .output(pageOutput(auditRow))
  .query(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    const rows = await prisma.auditLog.findMany({
      where: {
        actorId: input.actorId,
        action: input.action,
        targetType: input.targetType,
        targetId: input.targetId,
        createdAt: { gte: input.from, lt: input.to },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
    });
    const { items: page, nextCursor } = cursorPage(rows, input.limit);
    const actorIds = [...new Set(page.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
    const actors = await prisma.user.findMany({
      where: { id: { in: actorIds } },
      select: { id: true, email: true },
    });
    const emailOf = new Map(actors.map((actor) => [actor.id, actor.email]));
    const items = page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      actorId: row.actorId,
      actorEmail: row.actorId ? (emailOf.get(row.actorId) ?? null) : null,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: (row.details ?? {}) as Record<string, unknown>,
      ip: row.ip,
      userAgent: row.userAgent,
    }));
    return { items, nextCursor };
  });
