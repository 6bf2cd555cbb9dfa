import type { Db } from "@mentora/db";
import { z } from "zod";
import type { AppServices } from "../../app/types.ts";
import { appError } from "../../errors/index.ts";
import { medianFirstReplySeconds } from "../../messages/index.ts";
import { avatarUrl, skillTag } from "../../profiles/index.ts";
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
  .query(({ ctx, input }) => loadMentorPage(ctx.services, input.mentorId));

/** An approved mentor's offerings on sale, without the page's figures (the REST API's list). */
export async function loadMentorOfferings(prisma: Db, mentorId: string) {
  const user = await prisma.user.findFirst({
    where: { id: mentorId, ...publicMentorWhere },
    select: {
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
  return user.offerings.filter((offering) => offering.options.length > 0);
}

/** What the page reads besides the user row, in one statement (decision 078). */
interface MentorPageRow {
  acceptingBookings: boolean | null;
  ratingCount: number | null;
  ratingSum: number | null;
  skills: { slug: string; name: string }[];
  offerings: z.output<typeof publicOffering>[];
  sessionsGiven: number;
}

/**
 * The rest of the page in one named statement (prepared once per connection: its subqueries
 * cost more to plan than to run): profile figures, skills by name, the offerings on sale as
 * `loadMentorOfferings` orders and filters them, completed bookings.
 */
const mentorPageStatement = {
  name: "mentor-page",
  text: `SELECT p."acceptingBookings", p."ratingCount", p."ratingSum",
      (SELECT coalesce(json_agg(json_build_object('slug', s.slug, 'name', s.name) ORDER BY s.name), '[]')
        FROM user_skill us JOIN skill s ON s.id = us."skillId"
        WHERE us."userId" = $1) AS skills,
      (SELECT coalesce(json_agg(json_build_object('id', f.id, 'title', f.title,
          'description', f.description, 'kind', f.kind, 'capacity', f.capacity,
          'options', options.list) ORDER BY f."createdAt", f.id), '[]')
        FROM offering f
        CROSS JOIN LATERAL (
          SELECT json_agg(json_build_object('id', o.id, 'durationMinutes', o."durationMinutes",
              'priceMinor', o."priceMinor", 'currency', o.currency)
              ORDER BY o."durationMinutes", o.id) AS list
          FROM offering_option o
          WHERE o."offeringId" = f.id AND o."archivedAt" IS NULL
        ) options
        WHERE f."mentorId" = $1 AND f.status = 'ACTIVE' AND options.list IS NOT NULL) AS offerings,
      (SELECT count(*)::int FROM mentoring_session ms JOIN booking b ON b."sessionId" = ms.id
        WHERE ms."mentorId" = $1 AND b.status = 'COMPLETED') AS "sessionsGiven"
    FROM (SELECT 1) AS one
    LEFT JOIN mentor_profile p ON p."userId" = $1`,
};

/**
 * The page of an approved mentor; NOT_FOUND for anyone else. Three statements in one round
 * trip: the user row through `publicMentorWhere` (the one rule of who is listed), the rest of
 * the page in one statement (profile figures, skills by name, the offerings on sale as
 * `findPublicMentor` orders and filters them, completed bookings), and the reply time. The
 * second and third read by id alongside the first; nothing of theirs is answered unless the
 * first found a listed mentor.
 */
export async function loadMentorPage(
  services: Pick<AppServices, "prisma" | "pool">,
  mentorId: string,
): Promise<z.output<typeof mentorPageOutput>> {
  const { prisma } = services;
  const [user, rows, responseSeconds] = await Promise.all([
    prisma.user.findFirst({
      where: { id: mentorId, ...publicMentorWhere },
      select: {
        id: true,
        name: true,
        headline: true,
        bio: true,
        languages: true,
        timezone: true,
        avatarVersion: true,
        createdAt: true,
      },
    }),
    services.pool.query<MentorPageRow>({ ...mentorPageStatement, values: [mentorId] }),
    medianFirstReplySeconds(prisma, mentorId),
  ]);
  const row = rows.rows[0];
  if (!user || !row) throw appError("NOT_FOUND");
  const { offerings, sessionsGiven } = row;
  const ratingCount = row.ratingCount ?? 0;
  const ratingSum = row.ratingSum ?? 0;
  return {
    id: user.id,
    name: user.name,
    headline: user.headline,
    bio: user.bio,
    languages: user.languages,
    // An unknown zone stored in the row is not passed on to pages that would format with it.
    timezone: user.timezone && isTimeZone(user.timezone) ? user.timezone : null,
    skills: row.skills,
    avatarUrl: avatarUrl(user, 256),
    paused: row.acceptingBookings === false,
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
