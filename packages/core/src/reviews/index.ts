/**
 * Reviews and ratings (issue #18, decision 049): participants who attended rate a session within
 * 14 days, the mentor answers once, admins hide or keep; the mentor's aggregate
 * (mentor_profile.ratingCount/ratingSum) moves in the same commit as the review.
 */
export { reviewAnswered, reviewReminderDue, reviewSubmitted } from "./events.ts";
export { mentorReviews } from "./listing.ts";
export { eraseReviewsOf, reviewsWrittenBy } from "./people-data.ts";
export { reviewReminderDelayMs, reviewWindowMs } from "./policy.ts";
export { planReviewReminder } from "./remind.job.ts";
export { reviewReminderQueue } from "./remind.queue.ts";
export {
  answerReview,
  moderateReview,
  ratingAggregateOf,
  reviewEligibility,
  submitReview,
} from "./review-service.ts";
