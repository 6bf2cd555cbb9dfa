import { randomUUID } from "node:crypto";
import { availabilityChanged } from "../../availability/index.ts";
import { appError } from "../../errors/index.ts";
import { recordEvent } from "../../events/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { mentorSettings, mentorSettingsSelect } from "../settings/settings-schema.ts";

export const updateSettingsInput = mentorSettings.partial().strict();

/**
 * Changes some booking settings; the others keep their values. Sessions already booked are not
 * touched: the settings shape the slots offered from now on.
 */
export const updateSettings = mentorProcedure
  .input(updateSettingsInput)
  .output(mentorSettings)
  .mutation(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    return prisma.$transaction(async (tx) => {
      const { count } = await tx.mentorProfile.updateMany({
        where: { userId: ctx.user.id, status: "APPROVED" },
        data: input,
      });
      if (count === 0) throw appError("NOT_FOUND");
      await recordEvent(
        ctx.services,
        tx,
        availabilityChanged.of({ mentorId: ctx.user.id, changeId: randomUUID() }),
      );
      return tx.mentorProfile.findUniqueOrThrow({
        where: { userId: ctx.user.id },
        select: mentorSettingsSelect,
      });
    });
  });
