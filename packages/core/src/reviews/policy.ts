/** Product rules of reviews (issue #18, decision 049): constants, not settings. */

/** A participant may review for this long after the session's end. */
export const reviewWindowMs = 14 * 24 * 3_600_000;

/** The reminder comes this long after the session's end, when it was not rated yet. */
export const reviewReminderDelayMs = 24 * 3_600_000;

/** Longest review text and answer (characters). */
export const reviewTextMax = 2000;
export const reviewAnswerMax = 2000;

/** Longest reason an admin gives for hiding a review. */
export const hideReasonMax = 500;
