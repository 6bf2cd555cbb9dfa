import { Link, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { useDateFormats, useT } from "~/lib/i18n";
import { Stars } from "./stars";

/** What `reviews.forMentor` returns, as the mentor page's loader passes it on (`reviews`). */
export interface MentorReviewsData {
  count: number;
  average: number | null;
  distribution: { stars: number; count: number }[];
  items: {
    id: string;
    rating: number;
    text: string | null;
    authorName: string | null;
    offeringTitle: string;
    answer: string | null;
    createdAt: string | Date;
  }[];
  nextCursor: string | null;
}

/**
 * The mentor page's reviews: average, count and distribution, then the reviews newest first with
 * the mentor's answers, paged by plain links (`?reviews=<cursor>`, no JavaScript needed). Reads
 * the page's loader data (`reviews`), so the page adds it with one line.
 */
export function MentorReviews() {
  const t = useT();
  const formats = useDateFormats();
  const { reviews, mentor } = useLoaderData<{
    reviews: MentorReviewsData;
    mentor: { id: string };
  }>();
  const { count, average, distribution, items, nextCursor } = reviews;
  const pagePath = `/mentors/${mentor.id}`;
  return (
    <section aria-labelledby="reviews-heading" id="reviews" className="stack" data-testid="reviews">
      <h2 id="reviews-heading">{t("web.reviews.heading")}</h2>
      {count === 0 || average === null ? (
        <p className="card">{t("web.reviews.none")}</p>
      ) : (
        <Card className="flex flex-col gap-4 sm:flex-row sm:items-center sm:gap-8">
          <div className="flex flex-col gap-1">
            <p className="text-4xl font-bold" data-testid="reviews-average">
              {average.toFixed(1)}
            </p>
            <Stars value={average} className="text-xl" />
            <p className="text-sm text-muted" data-testid="reviews-count">
              {count === 1
                ? t("web.reviews.summaryOne", { average: average.toFixed(1) })
                : t("web.reviews.summary", { average: average.toFixed(1), count: String(count) })}
            </p>
          </div>
          <ul
            className="m-0 flex flex-1 list-none flex-col gap-1 p-0"
            aria-label={t("web.reviews.distribution")}
          >
            {distribution.map((row) => (
              <li key={row.stars} className="flex items-center gap-2 text-sm">
                <span className="visually-hidden">
                  {t("web.reviews.distributionRow", {
                    stars: String(row.stars),
                    count: String(row.count),
                  })}
                </span>
                <span className="w-8 shrink-0 whitespace-nowrap" aria-hidden="true">
                  {row.stars} ★
                </span>
                <span className="h-2 flex-1 overflow-hidden rounded-full bg-bg" aria-hidden="true">
                  <span
                    className="block h-full rounded-full bg-amber-700"
                    style={{ width: `${Math.round((row.count / count) * 100)}%` }}
                  />
                </span>
                <span className="w-8 shrink-0 text-right text-muted" aria-hidden="true">
                  {row.count}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {items.length > 0 ? (
        <ul className="m-0 flex list-none flex-col gap-3 p-0">
          {items.map((review) => (
            <li key={review.id} data-testid="review" data-review-id={review.id}>
              <Card className="flex flex-col gap-2">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <Stars value={review.rating} />
                  <span className="text-sm text-muted">
                    {t("web.reviews.by", {
                      name: review.authorName ?? t("web.reviews.anonymous"),
                      title: review.offeringTitle,
                    })}{" "}
                    ·{" "}
                    <time dateTime={new Date(review.createdAt).toISOString()}>
                      {formats.longDate(new Date(review.createdAt))}
                    </time>
                  </span>
                </div>
                {review.text ? <p className="prose whitespace-pre-line">{review.text}</p> : null}
                {review.answer ? (
                  <blockquote
                    className="ml-2 border-l-4 border-border pl-3"
                    data-testid="review-answer"
                  >
                    <p className="text-sm font-semibold">{t("web.reviews.answer")}</p>
                    <p className="prose whitespace-pre-line">{review.answer}</p>
                  </blockquote>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      ) : null}
      {nextCursor ? (
        <nav className="pager" aria-label={t("web.reviews.heading")}>
          <Link to={`${pagePath}#reviews`} preventScrollReset>
            {t("web.reviews.first")}
          </Link>
          <Link
            to={`${pagePath}?reviews=${encodeURIComponent(nextCursor)}#reviews`}
            className="button button-secondary"
            preventScrollReset
          >
            {t("web.reviews.more")}
          </Link>
        </nav>
      ) : null}
    </section>
  );
}
