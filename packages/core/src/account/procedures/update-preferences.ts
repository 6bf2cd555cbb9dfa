import { locales } from "@mentora/i18n";
import { z } from "zod";
import { isTimeZone } from "../../trpc/context.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { meOutput } from "./get-me.ts";

export const updatePreferencesInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    /** null = follow the browser's language. */
    locale: z.enum(locales).nullable().optional(),
    /** null = follow the browser's timezone. */
    timezone: z
      .string()
      .refine((value) => isTimeZone(value), "Unknown timezone")
      .nullable()
      .optional(),
  })
  .strict();

export const updatePreferences = authedProcedure
  .input(updatePreferencesInput)
  .output(meOutput)
  .mutation(async ({ ctx, input }) => {
    const user = await ctx.services.prisma.user.update({
      where: { id: ctx.user.id },
      data: input,
    });
    return meOutput.parse(user);
  });
