import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { adminProcedure } from "../../trpc/init.ts";

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
    const updated = await ctx.services.prisma.user.updateMany({
      where: { id: input.userId },
      data: { role: input.role },
    });
    if (updated.count === 0) throw appError("NOT_FOUND");
    ctx.services.logger.info(
      { requestId: ctx.requestId, adminId: ctx.user.id, userId: input.userId, role: input.role },
      "role changed",
    );
    return { id: input.userId, role: input.role };
  });
