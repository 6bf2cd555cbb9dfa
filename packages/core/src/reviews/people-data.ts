import type { Db, Prisma } from "@mentora/db";

/** For a person's data export: the reviews they wrote, and their answers as a mentor. */
export async function reviewsWrittenBy(db: Db, userId: string) {
  const [written, answered] = await Promise.all([
    db.review.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        bookingId: true,
        rating: true,
        text: true,
        hidden: true,
        createdAt: true,
      },
    }),
    db.review.findMany({
      where: { mentorId: userId, answer: { not: null } },
      orderBy: { answeredAt: "asc" },
      select: { id: true, bookingId: true, answer: true, answeredAt: true },
    }),
  ]);
  return { written, answersAsMentor: answered };
}

/**
 * Account deletion, in its transaction: the person's review texts and answers are erased. The
 * ratings stay (the mentor's average keeps its meaning); the page shows "a former member".
 */
export async function eraseReviewsOf(tx: Prisma.TransactionClient, userId: string) {
  await tx.review.updateMany({ where: { authorId: userId }, data: { text: null } });
  await tx.review.updateMany({
    where: { mentorId: userId, answer: { not: null } },
    data: { answer: null },
  });
}
