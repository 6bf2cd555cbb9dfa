import { z } from "zod";
import { avatarUrl } from "../../profiles/index.ts";
import { adminProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";

export const moderationCaseStatus = z.enum([
  "PENDING",
  "BLOCKED",
  "APPROVED",
  "REJECTED",
  "SUPERSEDED",
]);
export const moderationSubject = z.enum([
  "PROFILE_TEXT",
  "AVATAR",
  "MENTOR_APPLICATION",
  "MESSAGE",
]);

export const listCasesInput = z
  .object({
    /** Default: the queue (PENDING), oldest first. */
    status: moderationCaseStatus.default("PENDING"),
    ...pageInput(),
  })
  .strict();

const reasonOutput = z.object({
  category: z.string(),
  score: z.number(),
  message: z.string(),
});

export const moderationCaseOutput = z.object({
  id: z.string(),
  subject: moderationSubject,
  status: moderationCaseStatus,
  verdict: z.enum(["ALLOW", "REVIEW", "BLOCK"]),
  withheld: z.boolean(),
  provider: z.string(),
  author: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  /** Profile text as checked: headline, bio, skills, offerings (title and description). */
  text: z
    .object({
      headline: z.string().nullable(),
      bio: z.string().nullable(),
      skills: z.array(z.string()),
      offerings: z.array(z.object({ title: z.string(), description: z.string() })),
    })
    .nullable(),
  /** The avatar as checked (its files are kept while the case stands). */
  imageUrl: z.string().nullable(),
  scores: z.record(z.string(), z.number()),
  reasons: z.array(reasonOutput),
  note: z.string().nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
});

const textSnapshot = moderationCaseOutput.shape.text.unwrap();

/** The moderation queue (or the cases of one status), oldest first, with content and reasons. */
export const listCases = adminProcedure
  .input(listCasesInput)
  .output(pageOutput(moderationCaseOutput))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.moderationCase.findMany({
      where: { status: input.status },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      ...pageArgs(input),
      include: { author: { select: { id: true, name: true, email: true } } },
    });
    const page = cursorPage(rows, input.limit);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => {
        const snapshot = (row.snapshot ?? {}) as Record<string, unknown>;
        const text = textSnapshot.safeParse(snapshot);
        const version = typeof snapshot.avatarVersion === "string" ? snapshot.avatarVersion : null;
        return {
          id: row.id,
          subject: row.subject,
          status: row.status,
          verdict: row.verdict,
          withheld: row.withheld,
          provider: row.provider,
          author: row.author,
          text: text.success ? text.data : null,
          imageUrl:
            row.subject === "AVATAR" && version
              ? avatarUrl({ id: row.authorId, avatarVersion: version }, 256)
              : null,
          scores: z.record(z.string(), z.number()).catch({}).parse(row.scores),
          reasons: z.array(reasonOutput).catch([]).parse(row.reasons),
          note: row.note,
          decidedAt: row.decidedAt,
          createdAt: row.createdAt,
        };
      }),
    };
  });
