import { z } from "zod";
import { auditActorOf, writeAudit } from "../../audit/index.ts";
import { appError } from "../../errors/index.ts";
import { ledgerTransactionOptions } from "../../ledger/index.ts";
import { adminProcedure } from "../../trpc/init.ts";
import { cancelFutureSessionsOfDemotedMentor } from "../users/demote-mentor.ts";

export const setRoleInput = z
  .object({ userId: z.string().min(1).max(100), role: z.enum(["MENTEE", "MENTOR", "ADMIN"]) })
  .strict();

/** Roles are granted by an admin (or by server rules), never chosen by the user. */
export const setRole = adminProcedure
  .input(setRoleInput)
  .output(z.object({ id: z.string(), role: z.enum(["MENTEE", "MENTOR", "ADMIN"]) }))
  .mutation(async ({ ctx, input }) => {
    // An admin demoting themselves could leave the platform with no admin at all.
    if (input.userId === ctx.user.id && input.role !== "ADMIN") {
      throw appError("CONFLICT", { reason: "CANNOT_DEMOTE_SELF" });
    }
    const actor = auditActorOf(ctx);
    await ctx.services.prisma.$transaction(async (tx) => {
      // Locked: a hold of this mentor's slot (which reads the role) waits for the demotion.
      const [before] = await tx.$queryRaw<{ role: string }[]>`
        SELECT role::text FROM "user" WHERE id = ${input.userId} FOR UPDATE`;
      if (!before) throw appError("NOT_FOUND");
      await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
      await writeAudit(tx, actor, {
        action: "user.set-role",
        targetType: "user",
        targetId: input.userId,
        details: { from: before.role, to: input.role },
      });
      if (input.role === "MENTEE" && before.role !== "MENTEE") {
        await cancelFutureSessionsOfDemotedMentor(ctx.services, tx, {
          mentorId: input.userId,
          actor,
          now: new Date(),
        });
      }
    }, ledgerTransactionOptions);
    ctx.services.logger.info(
      { requestId: ctx.requestId, adminId: ctx.user.id, userId: input.userId, role: input.role },
      "role changed",
    );
    return { id: input.userId, role: input.role };
  });
