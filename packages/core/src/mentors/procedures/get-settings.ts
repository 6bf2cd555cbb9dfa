import { appError } from "../../errors/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { mentorSettings, mentorSettingsSelect } from "../settings/settings-schema.ts";

/** The mentor's booking settings. NOT_FOUND for a mentor role without an approved application. */
export const getSettings = mentorProcedure.output(mentorSettings).query(async ({ ctx }) => {
  const settings = await ctx.services.prisma.mentorProfile.findFirst({
    where: { userId: ctx.user.id, status: "APPROVED" },
    select: mentorSettingsSelect,
  });
  if (!settings) throw appError("NOT_FOUND");
  return settings;
});
