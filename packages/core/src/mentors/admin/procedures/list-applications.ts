import type { Prisma } from "@mentora/db";
import { z } from "zod";
import { appError } from "../../../errors/index.ts";
import { avatarUrl, skillsSelect, skillTag, skillTagsOf } from "../../../profiles/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { cursorInput, decodeCursor, encodeCursor } from "../../../trpc/keyset-cursor.ts";
import { cursorPage, pageInput, pageOutput } from "../../../trpc/pagination.ts";

const mentorStatus = z.enum(["PENDING", "APPROVED", "REJECTED"]);

export const listApplicationsInput = z
  .object({
    status: mentorStatus.default("PENDING"),
    ...pageInput(),
    /** `nextCursor` of the previous page: a keyset cursor, not an id. */
    cursor: cursorInput.optional(),
  })
  .strict();

const applicationRow = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  headline: z.string().nullable(),
  bio: z.string().nullable(),
  languages: z.array(z.string()),
  timezone: z.string().nullable(),
  skills: z.array(skillTag),
  avatarUrl: z.string().nullable(),
  status: mentorStatus,
  appliedAt: z.date(),
  decidedAt: z.date().nullable(),
  decidedById: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

export const listApplicationsOutput = pageOutput(applicationRow);

/** Applications strictly after the cursor's (appliedAt, userId). */
function after(cursor: string): Prisma.MentorProfileWhereInput {
  const [appliedAtIso = "", userId = ""] = decodeCursor(cursor, 2);
  const appliedAt = new Date(appliedAtIso);
  if (Number.isNaN(appliedAt.getTime()))
    throw appError("BAD_REQUEST", { reason: "INVALID_CURSOR" });
  return {
    OR: [{ appliedAt: { gt: appliedAt } }, { appliedAt, userId: { gt: userId } }],
  };
}

/** Mentor applications in one status, oldest first (a review queue), with cursor pagination. */
export const listApplications = adminProcedure
  .input(listApplicationsInput)
  .output(listApplicationsOutput)
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.mentorProfile.findMany({
      where: { status: input.status, ...(input.cursor ? after(input.cursor) : {}) },
      orderBy: [{ appliedAt: "asc" }, { userId: "asc" }],
      take: input.limit + 1,
      select: {
        userId: true,
        status: true,
        appliedAt: true,
        decidedAt: true,
        decidedById: true,
        decisionNote: true,
        user: {
          select: {
            id: true,
            name: true,
            email: true,
            headline: true,
            bio: true,
            languages: true,
            timezone: true,
            avatarVersion: true,
            skills: skillsSelect,
          },
        },
      },
    });
    const page = cursorPage(rows, input.limit, (last) =>
      encodeCursor([last.appliedAt.toISOString(), last.userId]),
    );
    const items = page.items.map(({ user, ...application }) => ({
      ...application,
      name: user.name,
      email: user.email,
      headline: user.headline,
      bio: user.bio,
      languages: user.languages,
      timezone: user.timezone,
      skills: skillTagsOf(user.skills),
      avatarUrl: avatarUrl(user, 64),
    }));
    return { items, nextCursor: page.nextCursor };
  });
