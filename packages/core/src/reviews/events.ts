import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/**
 * A participant reviewed a booking they attended. `flagged`: moderation asked for an admin's
 * look (the review is published meanwhile, decision 049). Notifications tell the mentor (and the
 * admins when flagged), wired in app/subscriptions.ts.
 */
export const reviewSubmitted = defineEvent({
  type: "review.submitted",
  version: 1,
  schema: z.object({
    reviewId: z.string(),
    bookingId: z.string(),
    mentorId: z.string(),
    authorId: z.string(),
    rating: z.number().int(),
    flagged: z.boolean(),
    title: z.string(),
  }),
  key: (data) => [data.reviewId],
});

/** The mentor answered a review (once): the reviewer is told. */
export const reviewAnswered = defineEvent({
  type: "review.answered",
  version: 1,
  schema: z.object({
    reviewId: z.string(),
    bookingId: z.string(),
    mentorId: z.string(),
    authorId: z.string(),
    flagged: z.boolean(),
    title: z.string(),
  }),
  key: (data) => [data.reviewId],
});

/** A day after an attended session its participant has not rated it yet: they are reminded. */
export const reviewReminderDue = defineEvent({
  type: "review.reminder-due",
  version: 1,
  schema: z.object({ bookingId: z.string(), menteeId: z.string(), title: z.string() }),
  key: (data) => [data.bookingId],
});
