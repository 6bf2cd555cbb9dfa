import { z } from "zod";
import { mentorProcedure } from "../../../trpc/init.ts";
import { weeklyRuleOutput } from "../availability-output.ts";
import { minuteSchema, overlappingIndexes } from "../intervals.ts";
import { replaceWeeklyRules } from "../replace-weekly-rules.ts";

export const weeklyRuleInput = z
  .object({
    /** ISO weekday: Monday = 1 … Sunday = 7. */
    weekday: z.number().int().min(1).max(7),
    startMinute: minuteSchema,
    endMinute: minuteSchema,
  })
  .strict()
  .refine((rule) => rule.startMinute < rule.endMinute, {
    path: ["endMinute"],
    message: "Must be after the start",
  });

export const setWeeklyRulesInput = z
  .object({ rules: z.array(weeklyRuleInput).max(7 * 24) })
  .strict()
  .superRefine((input, ctx) => {
    for (let weekday = 1; weekday <= 7; weekday += 1) {
      const ofDay = input.rules
        .map((rule, index) => ({ ...rule, index }))
        .filter((rule) => rule.weekday === weekday);
      for (const overlapping of overlappingIndexes(ofDay)) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", ofDay[overlapping]!.index],
          message: "Overlaps another interval of the same day",
        });
      }
    }
  });

/** Replaces the mentor's whole weekly schedule at once (an empty list clears it). */
export const setWeeklyRules = mentorProcedure
  .input(setWeeklyRulesInput)
  .output(z.array(weeklyRuleOutput))
  .mutation(async ({ ctx, input }) => {
    await replaceWeeklyRules(ctx.services, ctx.user.id, input.rules);
    return ctx.services.prisma.availabilityRule.findMany({
      where: { mentorId: ctx.user.id },
      orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
      select: { id: true, weekday: true, startMinute: true, endMinute: true },
    });
  });
