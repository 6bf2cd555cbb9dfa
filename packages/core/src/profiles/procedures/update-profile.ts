import { randomUUID } from "node:crypto";
import { locales } from "@mentora/i18n";
import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { recordEvent } from "../../events/index.ts";
import { isTimeZone } from "../../trpc/context.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { profileChanged } from "../events.ts";
import { isLanguageCode } from "../languages.ts";
import { loadOwnProfile, profileOutput } from "../profile-view.ts";
import {
  maxSkillNameLength,
  maxSkillsPerUser,
  replaceUserSkills,
  slugifySkill,
} from "../skills.ts";

/** Optional free text: blank clears it (null). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value === "" ? null : value));

export const updateProfileInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    headline: optionalText(120),
    bio: optionalText(4000),
    /** ISO 639-1 codes ("en", "fr"); duplicates are dropped. */
    languages: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .refine(isLanguageCode, "Unknown language: use an ISO 639-1 code such as en or fr"),
      )
      .max(10)
      .transform((codes) => [...new Set(codes)])
      .optional(),
    /** null = follow the browser's timezone. */
    timezone: z
      .string()
      .refine((value) => isTimeZone(value), "Unknown timezone")
      .nullable()
      .optional(),
    /** null = follow the browser's language. */
    locale: z.enum(locales).nullable().optional(),
    /** Skill names; each becomes a shared tag by its slug. Replaces the whole set. */
    skills: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(maxSkillNameLength)
          .refine((name) => slugifySkill(name) !== "", "A skill needs a letter or a digit"),
      )
      .max(maxSkillsPerUser)
      .optional(),
  })
  .strict();

/** Edits the user's own profile; only the fields sent change. */
export const updateProfile = authedProcedure
  .input(updateProfileInput)
  .output(profileOutput)
  .mutation(async ({ ctx, input }) => {
    const { skills, ...fields } = input;
    const userId = ctx.user.id;
    return ctx.services.prisma.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({ where: { id: userId }, data: fields });
      if (count === 0) throw appError("UNAUTHORIZED");
      if (skills) await replaceUserSkills(tx, userId, skills);
      const changed = Object.keys(input);
      if (changed.length > 0) {
        await recordEvent(
          ctx.services,
          tx,
          profileChanged.of({ userId, changeId: randomUUID(), fields: changed.sort() }),
        );
      }
      return loadOwnProfile(tx, userId);
    });
  });
