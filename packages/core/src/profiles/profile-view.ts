import type { Db, Prisma } from "@mentora/db";
import { z } from "zod";
import { AppError } from "../errors/index.ts";
import { avatarUrl } from "./avatar-url.ts";

type Reader = Db | Prisma.TransactionClient;

export const skillTag = z.object({ slug: z.string(), name: z.string() });

export const mentorStatus = z.enum(["PENDING", "APPROVED", "REJECTED"]);

export const profileOutput = z.object({
  id: z.string(),
  name: z.string(),
  headline: z.string().nullable(),
  bio: z.string().nullable(),
  /** ISO 639-1 codes. */
  languages: z.array(z.string()),
  timezone: z.string().nullable(),
  locale: z.string().nullable(),
  skills: z.array(skillTag),
  /** 256 px WebP, or null: the UI shows the initials image. */
  avatarUrl: z.string().nullable(),
  avatarVersion: z.string().nullable(),
  /** The mentor application and its outcome, or null for someone who never applied. */
  mentor: z
    .object({
      status: mentorStatus,
      acceptingBookings: z.boolean(),
      appliedAt: z.date(),
      decidedAt: z.date().nullable(),
      decisionNote: z.string().nullable(),
    })
    .nullable(),
});
export type ProfileOutput = z.output<typeof profileOutput>;

/** Skills as shown on a profile: by name, so the order does not depend on insertion. */
export const skillsSelect = {
  select: { skill: { select: { slug: true, name: true } } },
  orderBy: { skill: { name: "asc" } },
} as const satisfies Prisma.User$skillsArgs;

export function skillTagsOf(rows: readonly { skill: { slug: string; name: string } }[]) {
  return rows.map(({ skill }) => ({ slug: skill.slug, name: skill.name }));
}

/** The user's own profile, or null when the user no longer exists. */
export async function loadProfile(db: Reader, userId: string): Promise<ProfileOutput | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      headline: true,
      bio: true,
      languages: true,
      timezone: true,
      locale: true,
      avatarVersion: true,
      skills: skillsSelect,
      mentorProfile: {
        select: {
          status: true,
          acceptingBookings: true,
          appliedAt: true,
          decidedAt: true,
          decisionNote: true,
        },
      },
    },
  });
  if (!user) return null;
  const { skills, mentorProfile, ...rest } = user;
  return {
    ...rest,
    skills: skillTagsOf(skills),
    avatarUrl: avatarUrl(user, 256),
    mentor: mentorProfile,
  };
}

/** The signed-in user's profile; a user deleted mid-session reads as signed out. */
export async function loadOwnProfile(db: Reader, userId: string): Promise<ProfileOutput> {
  const profile = await loadProfile(db, userId);
  if (!profile) throw new AppError("UNAUTHORIZED");
  return profile;
}
