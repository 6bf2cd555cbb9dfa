import { z } from "zod";
import { adminProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";

export const adminReviewFilter = z.enum(["flagged", "visible", "hidden", "all"]);

export const listReviewsInput = z
  .object({
    /** Default: what waits for an admin (moderation flagged it). */
    filter: adminReviewFilter.default("flagged"),
    ...pageInput(),
  })
  .strict();

const person = z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable();

export const adminReviewOutput = z.object({
  id: z.string(),
  bookingId: z.string(),
  rating: z.number().int(),
  text: z.string().nullable(),
  answer: z.string().nullable(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  flagged: z.boolean(),
  flagReason: z.string().nullable(),
  author: person,
  mentor: person,
  createdAt: z.date(),
});

const whereOf = {
  flagged: { flagged: true },
  visible: { hidden: false },
  hidden: { hidden: true },
  all: {},
} as const;

/** Reviews for the admins, newest first: flagged by moderation, visible, hidden, or all. */
export const listReviews = adminProcedure
  .input(listReviewsInput)
  .output(pageOutput(adminReviewOutput))
  .query(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    const rows = await prisma.review.findMany({
      where: whereOf[input.filter],
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
    });
    const page = cursorPage(rows, input.limit);
    const people = await prisma.user.findMany({
      where: { id: { in: page.items.flatMap((row) => [row.authorId, row.mentorId]) } },
      select: { id: true, name: true, email: true },
    });
    const personOf = (id: string) => people.find((user) => user.id === id) ?? null;
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        id: row.id,
        bookingId: row.bookingId,
        rating: row.rating,
        text: row.text,
        answer: row.answer,
        hidden: row.hidden,
        hiddenReason: row.hiddenReason,
        flagged: row.flagged,
        flagReason: row.flagReason,
        author: personOf(row.authorId),
        mentor: personOf(row.mentorId),
        createdAt: row.createdAt,
      })),
    };
  });
