import { router } from "../trpc/init.ts";
import { listReviews } from "./admin/list-reviews.ts";
import { hideReview, keepReview, unhideReview } from "./admin/moderate-review.ts";
import { answer } from "./procedures/answer-review.ts";
import { forBooking } from "./procedures/get-for-booking.ts";
import { awaiting } from "./procedures/list-awaiting.ts";
import { forMentor } from "./procedures/list-for-mentor.ts";
import { submit } from "./procedures/submit-review.ts";

/** Mounted under `reviews`. */
export const reviewsRouter = router({ submit, answer, forMentor, forBooking, awaiting });

/** Mounted under `admin.reviews` by the admin router. */
export const adminReviewsRouter = router({
  list: listReviews,
  hide: hideReview,
  unhide: unhideReview,
  keep: keepReview,
});
