import { z } from "zod";

/** A review as the public (and the booking's two people) see it. */
export const publicReviewOutput = z.object({
  id: z.string(),
  rating: z.number().int(),
  text: z.string().nullable(),
  /** The reviewer's first name only (or null once their account is deleted). */
  authorName: z.string().nullable(),
  /** What the session was ("CV review"). */
  offeringTitle: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.date().nullable(),
  createdAt: z.date(),
});
export type PublicReview = z.output<typeof publicReviewOutput>;

/** The first word of a name: reviews never show a full name. */
export const firstNameOf = (name: string | null | undefined): string | null =>
  name?.trim().split(/\s+/)[0] || null;
