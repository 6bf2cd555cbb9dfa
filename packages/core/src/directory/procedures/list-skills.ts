import { Prisma } from "@mentora/db";
import { z } from "zod";
import { publicProcedure } from "../../trpc/init.ts";

export const skillsInput = z
  .object({ limit: z.number().int().min(1).max(50).default(12) })
  .strict()
  .default({ limit: 12 });

export const skillsOutput = z.array(
  z.object({ slug: z.string(), name: z.string(), mentors: z.number().int() }),
);

/** The skills listed mentors have most (for browsing and the filter panel), most mentors first. */
export const skills = publicProcedure
  .input(skillsInput)
  .output(skillsOutput)
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.$queryRaw<
      { slug: string; name: string; mentors: bigint }[]
    >(Prisma.sql`
      SELECT s.slug, s.name, count(*) AS mentors
      FROM skill s
      JOIN user_skill us ON us."skillId" = s.id
      JOIN "user" u ON u.id = us."userId"
      JOIN mentor_profile mp ON mp."userId" = u.id
      WHERE mp.status = 'APPROVED' AND u.role <> 'MENTEE'
        AND NOT EXISTS (SELECT 1 FROM moderation_case mc WHERE mc."authorId" = u.id
          AND mc.subject = 'PROFILE_TEXT' AND mc.withheld)
      GROUP BY s.slug, s.name
      ORDER BY count(*) DESC, s.name
      LIMIT ${input.limit}`);
    return rows.map((row) => ({ ...row, mentors: Number(row.mentors) }));
  });
