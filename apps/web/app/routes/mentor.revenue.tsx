import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { requireMentor } from "~/lib/guards.server";
import { useFormatAmount, useFormatDateTime, useI18n, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.revenue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    return input.caller.mentor.dashboard();
  });
}

type Month = { month: string; amountMinor: number };

/** "2026-03" → "Mar 2026" in the viewer's language (the key is already the mentor's month). */
function useMonthLabel(): (month: string) => string {
  const { locale } = useI18n();
  const format = new Intl.DateTimeFormat(locale, {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  return (month) => {
    const [year, index] = month.split("-").map(Number) as [number, number];
    return format.format(new Date(Date.UTC(year, index - 1, 1)));
  };
}

/**
 * Bars of the 12 months. Decorative for assistive technology: the table below it carries the
 * same figures, so the chart is aria-hidden rather than described twice.
 */
function MonthsChart({ months, label }: { months: Month[]; label: (month: string) => string }) {
  const width = 600;
  const height = 160;
  const gap = 6;
  const barWidth = (width - gap * (months.length - 1)) / months.length;
  const max = Math.max(1, ...months.map((m) => Math.abs(m.amountMinor)));
  return (
    <svg
      className="revenue-chart"
      viewBox={`0 0 ${width} ${height + 20}`}
      aria-hidden="true"
      focusable="false"
    >
      {months.map((m, index) => {
        const barHeight = Math.round((Math.max(0, m.amountMinor) / max) * height);
        const x = index * (barWidth + gap);
        return (
          <g key={m.month}>
            <rect x={x} y={height - barHeight} width={barWidth} height={barHeight} rx={3} />
            <text x={x + barWidth / 2} y={height + 15} textAnchor="middle">
              {label(m.month).slice(0, 3)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export default function RevenuePage() {
  const t = useT();
  const formatAmount = useFormatAmount();
  const monthLabel = useMonthLabel();
  const formatDate = useFormatDateTime();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("web.revenue.heading")}</h1>
      <p className="muted">{t("web.revenue.intro", { timezone: data.timezone })}</p>
      <p data-testid="sessions-done">
        {t("web.revenue.sessionsDone", { count: data.sessionsDone })}
      </p>
      {data.currencies.length === 0 ? <p className="muted">{t("web.revenue.empty")}</p> : null}
      <section className="card" aria-labelledby="upcoming-payouts">
        <h2 id="upcoming-payouts">{t("web.revenue.upcomingPayouts")}</h2>
        {data.upcomingPayouts.length === 0 ? (
          <p className="muted">{t("web.revenue.noUpcomingPayouts")}</p>
        ) : (
          <ul className="plain-list" data-testid="upcoming-payouts">
            {data.upcomingPayouts.map((payout) => (
              <li key={payout.id}>
                {formatAmount(payout.amountMinor, payout.currency)} —{" "}
                {t(`web.mentorPayouts.statuses.${payout.status}`)} ({formatDate(payout.requestedAt)}
                )
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/mentor/payouts">{t("web.revenue.toPayouts")}</Link>
        </p>
      </section>
      {data.currencies.map((currency) => (
        <section
          key={currency.currency}
          className="card"
          aria-labelledby={`revenue-${currency.currency}`}
          data-testid={`revenue-${currency.currency}`}
        >
          <h2 id={`revenue-${currency.currency}`}>{currency.currency}</h2>
          <dl className="figures">
            <div>
              <dt>{t("web.revenue.thisMonth")}</dt>
              <dd data-testid="this-month">
                {formatAmount(currency.thisMonthMinor, currency.currency)}
              </dd>
            </div>
            <div>
              <dt>{t("web.revenue.thisYear")}</dt>
              <dd data-testid="this-year">
                {formatAmount(currency.thisYearMinor, currency.currency)}
              </dd>
            </div>
            <div>
              <dt>{t("web.revenue.pending")}</dt>
              <dd data-testid="pending">
                {formatAmount(currency.pendingMinor, currency.currency)}
              </dd>
            </div>
            <div>
              <dt>{t("web.revenue.available")}</dt>
              <dd data-testid="available">
                {formatAmount(currency.availableMinor, currency.currency)}
              </dd>
            </div>
          </dl>
          <MonthsChart months={currency.months} label={monthLabel} />
          <div className="table-wrap">
            <table data-testid="revenue-months">
              <caption>{t("web.revenue.monthsCaption", { currency: currency.currency })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("web.revenue.month")}</th>
                  <th scope="col">{t("web.revenue.earnings")}</th>
                </tr>
              </thead>
              <tbody>
                {[...currency.months].reverse().map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{monthLabel(m.month)}</th>
                    <td>{formatAmount(m.amountMinor, currency.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
