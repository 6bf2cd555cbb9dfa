import { z } from "zod";
import { AppError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { assertReauthenticated, deleteAccount } from "../account-deletion.ts";

export const deleteAccountInput = z
  .object({
    /** The account's e-mail typed again: nobody deletes an account by a stray click. */
    confirmEmail: z.string().trim().max(320),
    /** The current password; accounts without one need a sign-in from the last 15 minutes. */
    password: z.string().max(200).optional(),
  })
  .strict();

/** The signed-in person deletes their own account, after re-authenticating. */
export const deleteMyAccount = authedProcedure
  .input(deleteAccountInput)
  .output(
    z.object({
      deleted: z.literal(true),
      cancelledBookings: z.number(),
      cancelledSessions: z.number(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    if (input.confirmEmail.toLowerCase() !== ctx.user.email.toLowerCase()) {
      throw new AppError("VALIDATION_FAILED", { field: "confirmEmail" });
    }
    await assertReauthenticated(ctx.services, {
      userId: ctx.user.id,
      email: ctx.user.email,
      ip: ctx.ip,
      password: input.password,
      sessionCreatedAt: new Date(ctx.session.session.createdAt),
    });
    const result = await deleteAccount(ctx.services, {
      userId: ctx.user.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return { deleted: true as const, ...result };
  });
