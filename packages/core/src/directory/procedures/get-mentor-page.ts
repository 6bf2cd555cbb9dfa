import type { Db } from "@mentora/db";
import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { medianFirstReplySeconds } from "../../messages/index.ts";
import { avatarUrl, skillsSelect, skillTag, skillTagsOf } from "../../profiles/index.ts";
import { isTimeZone } from "../../trpc/context.ts";
import { publicProcedure } from "../../trpc/init.ts";
import { priceRange, priceRangesOf, publicMentorWhere } from "../public-mentor.ts";

export const mentorPageInput = z.object({ mentorId: z.string().min(1).max(100) }).strict();

const publicOption = z.object({
  id: z.string(),
  durationMinutes: z.number().int(),
  priceMinor: z.number().int(),
  currency: z.string(),
});

export const publicOffering = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(["ONE_TO_ONE", "GROUP"]),
  /** Participants per session: 1 for one-to-one. */
  capacity: z.number().int(),
  /** Shortest first. */
  options: z.array(publicOption),
});

export const mentorPageOutput = z.object({
  id: z.string(),
  name: z.string(),
  headline: z.string().nullable(),
  bio: z.string().nullable(),
  languages: z.array(z.string()),
  /** The mentor's own timezone (their availability is set in it). */
  timezone: z.string().nullable(),
  skills: z.array(skillTag),
  /** 256 px, or null for the initials image. */
  avatarUrl: z.string().nullable(),
  /** Listed, but not taking bookings for now: the page shows no slots. */
  paused: z.boolean(),
  prices: z.array(priceRange),
  /** Active offerings that have at least one option on sale, oldest first. */
  offerings: z.array(publicOffering),
  /** The profile header's figures (s6-scheduler). */
  stats: z.object({
    /** Visible reviews (kept on mentor_profile by the reviews domain); 0 hides the rating. */
    ratingCount: z.number().int(),
    /** Mean of the visible ratings, 1-5, or null with no review. */
    ratingAverage: z.number().nullable(),
    /** Completed bookings (a group session counts each participant). */
    sessionsGiven: z.number().int(),
    /** Median time to the mentor's first reply in their conversations, or null when unknown. */
    responseSeconds: z.number().nullable(),
    memberSince: z.date(),
  }),
});

/** One approved mentor's public page. NOT_FOUND for anyone else, so nothing leaks. */
export const mentor = publicProcedure
  .meta({
    apiScope: "mentors:read",
    openapi: {
      method: "GET",
      path: "/mentors/{mentorId}",
      tags: ["mentors"],
      summary: "A mentor's public profile with their offerings",
    },
  })
  .input(mentorPageInput)
  .output(mentorPageOutput)
  .query(({ ctx, input }) => loadMentorPage(ctx.services.prisma, input.mentorId));

/** An approved mentor's row and the offerings on sale; NOT_FOUND for anyone else. */
async function findPublicMentor(prisma: Db, mentorId: string) {
  const user = await prisma.user.findFirst({
    where: { id: mentorId, ...publicMentorWhere },
    select: {
      id: true,
      name: true,
      headline: true,
      bio: true,
      languages: true,
      timezone: true,
      avatarVersion: true,
      skills: skillsSelect,
      createdAt: true,
      mentorProfile: { select: { acceptingBookings: true, ratingCount: true, ratingSum: true } },
      offerings: {
        where: { status: "ACTIVE" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          title: true,
          description: true,
          kind: true,
          capacity: true,
          options: {
            where: { archivedAt: null },
            orderBy: [{ durationMinutes: "asc" }, { id: "asc" }],
            select: { id: true, durationMinutes: true, priceMinor: true, currency: true },
          },
        },
      },
    },
  });
  if (!user) throw appError("NOT_FOUND");
  return { user, offerings: user.offerings.filter((offering) => offering.options.length > 0) };
}

/** An approved mentor's offerings on sale, without the page's figures (the REST API's list). */
export async function loadMentorOfferings(prisma: Db, mentorId: string) {
  return (await findPublicMentor(prisma, mentorId)).offerings;
}

/** The page of an approved mentor; NOT_FOUND for anyone else. */
export async function loadMentorPage(
  prisma: Db,
  mentorId: string,
): Promise<z.output<typeof mentorPageOutput>> {
  const { user, offerings } = await findPublicMentor(prisma, mentorId);
  const [sessionsGiven, responseSeconds] = await Promise.all([
    prisma.booking.count({ where: { status: "COMPLETED", session: { mentorId: user.id } } }),
    medianFirstReplySeconds(prisma, user.id),
  ]);
  const ratingCount = user.mentorProfile?.ratingCount ?? 0;
  const ratingSum = user.mentorProfile?.ratingSum ?? 0;
  return {
    id: user.id,
    name: user.name,
    headline: user.headline,
    bio: user.bio,
    languages: user.languages,
    // An unknown zone stored in the row is not passed on to pages that would format with it.
    timezone: user.timezone && isTimeZone(user.timezone) ? user.timezone : null,
    skills: skillTagsOf(user.skills),
    avatarUrl: avatarUrl(user, 256),
    paused: user.mentorProfile?.acceptingBookings === false,
    prices: priceRangesOf(offerings.flatMap((offering) => offering.options)),
    offerings,
    stats: {
      ratingCount,
      ratingAverage: ratingCount > 0 ? ratingSum / ratingCount : null,
      sessionsGiven,
      responseSeconds,
      memberSince: user.createdAt,
    },
  };
}
