import { randomUUID } from "node:crypto";
import { z } from "zod";
import { appError } from "../../../errors/index.ts";
import { recordEvent } from "../../../events/index.ts";
import { mentorProcedure } from "../../../trpc/init.ts";
import { availabilityChanged } from "../../events.ts";
import { overrideOutput, toOverrideOutput } from "../availability-output.ts";
import {
  dateColumn,
  localDateSchema,
  mentorTimezone,
  mentorToday,
  minuteSchema,
} from "../intervals.ts";

export const addOverrideInput = z
  .object({
    /** Mentor-local date. */
    date: localDateSchema,
    kind: z.enum(["UNAVAILABLE", "AVAILABLE"]),
    startMinute: minuteSchema.optional(),
    endMinute: minuteSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const hasStart = input.startMinute !== undefined;
    const hasEnd = input.endMinute !== undefined;
    if (input.kind === "AVAILABLE" && !(hasStart && hasEnd)) {
      ctx.addIssue({
        code: "custom",
        path: [hasStart ? "endMinute" : "startMinute"],
        message: "Extra hours need a start and an end",
      });
    } else if (hasStart !== hasEnd) {
      ctx.addIssue({
        code: "custom",
        path: [hasStart ? "endMinute" : "startMinute"],
        message: "Give both times, or none for the whole day",
      });
    } else if (hasStart && hasEnd && input.startMinute! >= input.endMinute!) {
      ctx.addIssue({ code: "custom", path: ["endMinute"], message: "Must be after the start" });
    }
  });

/**
 * Time off (the whole day, or an interval) or extra hours on one mentor-local date, from today
 * on. Several overrides may share a date; the slot engine combines them.
 */
export const addOverride = mentorProcedure
  .input(addOverrideInput)
  .output(overrideOutput)
  .mutation(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    const today = mentorToday(await mentorTimezone(prisma, ctx.user.id), new Date());
    if (input.date < today) throw appError("VALIDATION_FAILED", { field: "date", reason: "PAST" });
    const override = await prisma.$transaction(async (tx) => {
      const created = await tx.availabilityOverride.create({
        data: {
          mentorId: ctx.user.id,
          date: dateColumn(input.date),
          kind: input.kind,
          startMinute: input.startMinute ?? null,
          endMinute: input.endMinute ?? null,
        },
      });
      await recordEvent(
        ctx.services,
        tx,
        availabilityChanged.of({ mentorId: ctx.user.id, changeId: randomUUID() }),
      );
      return created;
    });
    return toOverrideOutput(override);
  });
