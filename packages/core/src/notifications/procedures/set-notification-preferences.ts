import { z } from "zod";
import { notificationKind } from "../../contracts/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { savePreferences } from "../preferences.ts";

export const setPreferencesInput = z
  .object({
    preferences: z
      .array(z.object({ kind: notificationKind, inApp: z.boolean(), email: z.boolean() }).strict())
      .min(1)
      .max(50),
  })
  .strict();

/** Saves the viewer's channels for the kinds given (others unchanged). */
export const setPreferences = authedProcedure
  .input(setPreferencesInput)
  .output(z.object({ saved: z.number().int() }))
  .mutation(async ({ ctx, input }) => {
    const choices = Object.fromEntries(
      input.preferences.map(({ kind, inApp, email }) => [kind, { inApp, email }]),
    );
    await ctx.services.prisma.$transaction((tx) => savePreferences(tx, ctx.user.id, choices));
    return { saved: Object.keys(choices).length };
  });
