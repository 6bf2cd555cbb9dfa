import type { Prisma } from "@mentora/db";

/** Who did it, from where: the admin's id and the request's client IP and user agent. */
export interface AuditActor {
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  /** `domain.verb`, e.g. "payout.approve", "user.set-role". */
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** The actor of a tRPC call: ctx.user (admin procedures always have one), ctx.ip, ctx.userAgent. */
export function auditActorOf(ctx: {
  user: { id: string };
  ip: string | null;
  userAgent: string | null;
}): AuditActor {
  return { actorId: ctx.user.id, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 500) ?? null };
}

/**
 * Records an admin action. Call it inside the action's own transaction: the row exists if and
 * only if the action committed.
 */
export async function writeAudit(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor.actorId,
      ip: actor.ip,
      userAgent: actor.userAgent,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: JSON.parse(JSON.stringify(entry.details ?? {})) as Prisma.InputJsonValue,
    },
  });
}
