import type { AppServices } from "../app/types.ts";
import { publicMentorWhere } from "../directory/index.ts";
import { AppError } from "../errors/index.ts";
import { cursorPage, type PageRequest, pageArgs } from "../trpc/pagination.ts";
import { firstNameOf, type PublicReview } from "./review-output.ts";

type Db = AppServices["prisma"];

/**
 * A listed mentor's visible reviews, newest first, with the stored aggregate (average and count:
 * mentor_profile's ratingCount/ratingSum) and the distribution of stars. NOT_FOUND for anyone
 * who is not a listed mentor.
 */
export async function mentorReviews(db: Db, mentorId: string, page: PageRequest) {
  // The listed mentor's figures (one statement: the user's rules are a filter of the profile's
  // row) and the reviews, read at once; nothing is answered for anyone else (NOT_FOUND).
  const [profile, rows, groups] = await Promise.all([
    db.mentorProfile.findFirst({
      where: { userId: mentorId, user: { is: { deletedAt: null, ...publicMentorWhere } } },
      select: { ratingCount: true, ratingSum: true },
    }),
    db.review.findMany({
      where: { mentorId, hidden: false },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(page),
    }),
    db.review.groupBy({
      by: ["rating"],
      where: { mentorId, hidden: false },
      _count: { _all: true },
    }),
  ]);
  if (!profile) throw new AppError("NOT_FOUND");
  const { ratingCount, ratingSum } = profile;
  const current = cursorPage(rows, page.limit);
  const items = await toPublicReviews(db, current.items);
  const distribution = [5, 4, 3, 2, 1].map((stars) => ({
    stars,
    count: groups.find((group) => group.rating === stars)?._count._all ?? 0,
  }));
  return {
    count: ratingCount,
    // One decimal, as shown; null without reviews.
    average: ratingCount > 0 ? Math.round((ratingSum / ratingCount) * 10) / 10 : null,
    distribution,
    items,
    nextCursor: current.nextCursor,
  };
}

/** Reviews with their author's first name and the session's title, in two queries. */
export async function toPublicReviews(
  db: Db,
  rows: readonly {
    id: string;
    rating: number;
    text: string | null;
    authorId: string;
    bookingId: string;
    answer: string | null;
    answeredAt: Date | null;
    createdAt: Date;
  }[],
): Promise<PublicReview[]> {
  // A mentor without reviews (most pages): no two empty `IN ()` reads.
  if (rows.length === 0) return [];
  const [authors, bookings] = await Promise.all([
    db.user.findMany({
      where: { id: { in: rows.map((row) => row.authorId) } },
      select: { id: true, name: true, deletedAt: true },
    }),
    db.booking.findMany({
      where: { id: { in: rows.map((row) => row.bookingId) } },
      select: { id: true, offeringTitle: true },
    }),
  ]);
  return rows.map((row) => {
    const author = authors.find((user) => user.id === row.authorId);
    return {
      id: row.id,
      rating: row.rating,
      text: row.text,
      authorName: author && !author.deletedAt ? firstNameOf(author.name) : null,
      offeringTitle: bookings.find((booking) => booking.id === row.bookingId)?.offeringTitle ?? "",
      answer: row.answer,
      answeredAt: row.answeredAt,
      createdAt: row.createdAt,
    };
  });
}
