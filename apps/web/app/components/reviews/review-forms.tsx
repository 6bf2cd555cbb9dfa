import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { ActionAlert } from "~/components/action-alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { useDateFormats, useT } from "~/lib/i18n";
import { Stars } from "./stars";

interface Failure {
  message: string;
  requestId?: string;
}

/** What `reviews.forBooking` returns, as the booking page's loader passes it on. */
export interface BookingReviewData {
  canReview: boolean;
  closesAt: string | Date | null;
  reason: string | null;
  review: {
    id: string;
    rating: number;
    text: string | null;
    authorName: string | null;
    answer: string | null;
    hidden: boolean;
  } | null;
  canAnswer: boolean;
  limits: { text: number; answer: number };
}

/**
 * The review part of a booking page: the rating form for a participant who may rate it (five
 * radio buttons in a fieldset: keyboard and screen-reader friendly, no JavaScript needed), the
 * review once written, and the mentor's answer form.
 */
export function BookingReview({
  data,
  isMentee,
  failure,
}: {
  data: BookingReviewData;
  isMentee: boolean;
  failure: (Failure & { intent: string }) | null;
}) {
  const t = useT();
  const formats = useDateFormats();
  const id = useId();
  const busy = useNavigation().state !== "idle";
  const { review } = data;
  if (data.canReview) {
    return (
      <Card id="review" className="flex flex-col gap-3">
        <h2 id={`${id}-heading`}>{t("web.reviews.rateHeading")}</h2>
        <p>{t("web.reviews.rateIntro")}</p>
        {data.closesAt ? (
          <p className="text-sm text-muted">
            {t("web.reviews.rateUntil", { date: formats.longDate(new Date(data.closesAt)) })}
          </p>
        ) : null}
        <Form method="post" className="flex flex-col gap-3" data-testid="review-form">
          <input type="hidden" name="intent" value="review" />
          <fieldset className="flex flex-col gap-2">
            <legend className="font-semibold">{t("web.reviews.rating")}</legend>
            <div className="flex flex-wrap gap-2">
              {[5, 4, 3, 2, 1].map((stars) => (
                <label
                  key={stars}
                  className="inline-flex min-h-10 cursor-pointer items-center gap-2 whitespace-nowrap rounded-lg border border-border px-3 py-1 has-[:checked]:border-primary has-[:checked]:bg-primary-soft"
                >
                  <input type="radio" name="rating" value={stars} required />
                  <span aria-hidden="true" className="text-amber-700">
                    {"★".repeat(stars)}
                  </span>
                  <span>{t(`web.reviews.star.${stars}` as "web.reviews.star.1")}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t("web.reviews.text")}</label>
            <textarea
              id={`${id}-text`}
              name="text"
              rows={4}
              maxLength={data.limits.text}
              aria-describedby={`${id}-hint`}
            />
            <p id={`${id}-hint`} className="hint">
              {t("web.reviews.textHint", { max: String(data.limits.text) })}
            </p>
          </div>
          <ActionAlert failure={failure?.intent === "review" ? failure : null} />
          <div>
            <Button type="submit" disabled={busy}>
              {t("web.reviews.submit")}
            </Button>
          </div>
        </Form>
      </Card>
    );
  }
  if (!review) {
    const closed = data.reason === "REVIEW_WINDOW_CLOSED" || data.reason === "REVIEW_NOT_ATTENDED";
    return isMentee && closed ? (
      <p className="text-sm text-muted" id="review">
        {t(`web.reviews.closed.${data.reason}` as "web.reviews.closed.REVIEW_WINDOW_CLOSED")}
      </p>
    ) : null;
  }
  return (
    <Card id="review" className="flex flex-col gap-2">
      <h2 id={`${id}-heading`}>
        {isMentee ? t("web.reviews.yourReview") : t("web.reviews.reviewOfSession")}
      </h2>
      <Stars value={review.rating} />
      {review.text ? <p className="prose whitespace-pre-line">{review.text}</p> : null}
      {review.hidden ? <p className="notice">{t("web.reviews.hidden")}</p> : null}
      {review.answer ? (
        <blockquote className="ml-2 border-l-4 border-border pl-3" data-testid="review-answer">
          <p className="text-sm font-semibold">{t("web.reviews.answer")}</p>
          <p className="prose whitespace-pre-line">{review.answer}</p>
        </blockquote>
      ) : null}
      {data.canAnswer ? (
        <Form method="post" className="flex flex-col gap-3" data-testid="answer-form">
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="reviewId" value={review.id} />
          <div className="field">
            <label htmlFor={`${id}-answer`}>{t("web.reviews.answerLabel")}</label>
            <textarea
              id={`${id}-answer`}
              name="answer"
              rows={3}
              required
              maxLength={data.limits.answer}
              aria-describedby={`${id}-answer-hint`}
            />
            <p id={`${id}-answer-hint`} className="hint">
              {t("web.reviews.answerHint", { max: String(data.limits.answer) })}
            </p>
          </div>
          <ActionAlert failure={failure?.intent === "answer" ? failure : null} />
          <div>
            <Button type="submit" disabled={busy}>
              {t("web.reviews.answerSubmit")}
            </Button>
          </div>
        </Form>
      ) : null}
    </Card>
  );
}
