import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { Avatar } from "~/components/avatar";
import { ErrorPage } from "~/components/error-page";
import { LanguageList, PausedBadge, SkillTags } from "~/components/tags";
import { currencies, filterLanguages, isCurrency } from "~/lib/currencies";
import { attempt } from "~/lib/guards.server";
import { useFormatPriceRanges, useLanguageName, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { parseMoneyInput } from "~/lib/money";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.mentors.title");

const filterNames = ["q", "skill", "language", "currency", "min", "max", "within"] as const;
const withinChoices = [3, 7, 14, 30] as const;

/** The public directory: search, filters in the URL (shareable), cursor pages. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ caller, ctx }) => {
    const url = new URL(request.url);
    const get = (name: string) => url.searchParams.get(name)?.trim() ?? "";
    const filters = Object.fromEntries(filterNames.map((name) => [name, get(name)])) as Record<
      (typeof filterNames)[number],
      string
    >;
    const currency = isCurrency(filters.currency) ? filters.currency : undefined;
    const priceMin = currency && filters.min ? parseMoneyInput(filters.min, currency) : null;
    const priceMax = currency && filters.max ? parseMoneyInput(filters.max, currency) : null;
    const within = Number(filters.within);
    const problems: ("priceNeedsCurrency" | "badPrice")[] = [];
    if ((filters.min || filters.max) && !currency) problems.push("priceNeedsCurrency");
    if (currency && ((filters.min && priceMin === null) || (filters.max && priceMax === null))) {
      problems.push("badPrice");
    }
    const cursor = get("cursor") || undefined;
    const result = await attempt(ctx, "search", () =>
      caller.directory.search({
        ...(filters.q ? { q: filters.q } : {}),
        ...(filters.skill ? { skill: filters.skill } : {}),
        ...(filters.language ? { language: filters.language } : {}),
        ...(currency ? { currency } : {}),
        ...(priceMin !== null && !problems.includes("badPrice") ? { priceMin } : {}),
        ...(priceMax !== null && !problems.includes("badPrice") ? { priceMax } : {}),
        ...((withinChoices as readonly number[]).includes(within)
          ? { availableWithinDays: within }
          : {}),
        limit: 12,
        ...(cursor ? { cursor } : {}),
      }),
    );
    return {
      filters,
      problems,
      isFirstPage: !cursor,
      items: result.ok ? (result.result?.items ?? []) : [],
      nextCursor: result.ok ? (result.result?.nextCursor ?? null) : null,
      failure: result.ok ? null : result,
    };
  });
}

export default function Mentors() {
  const t = useT();
  const formatPrices = useFormatPriceRanges();
  const languageName = useLanguageName();
  const { filters, problems, isFirstPage, items, nextCursor, failure } =
    useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";

  const query = new URLSearchParams();
  for (const name of filterNames) if (filters[name]) query.set(name, filters[name]);
  const firstPage = `/mentors${query.size > 0 ? `?${query}` : ""}`;
  const nextPage = nextCursor
    ? `/mentors?${new URLSearchParams([...query, ["cursor", nextCursor]])}`
    : null;
  const anyFilter = query.size > 0;

  return (
    <div className="container">
      <h1>{t("web.mentors.heading")}</h1>
      <p className="lead">{t("web.mentors.intro")}</p>
      <section className="card" aria-labelledby="describe-heading">
        <h2 id="describe-heading" className="h3">
          {t("web.matches.legend")}
        </h2>
        <p className="muted">{t("web.matches.directoryBox")}</p>
        {/* The matches page asks for a sign-in first, then takes the text over. */}
        <Form method="get" action="/matches" className="stack">
          <label htmlFor="directory-need" className="visually-hidden">
            {t("web.matches.need")}
          </label>
          <textarea id="directory-need" name="need" rows={2} maxLength={2000} required />
          <button type="submit" className="button button-secondary">
            {t("web.matches.submit")}
          </button>
        </Form>
      </section>
      <search className="card filters">
        <Form method="get" className="filter-grid" aria-label={t("web.mentors.filters")}>
          <div className="field field-wide">
            <label htmlFor="filter-q">{t("web.mentors.search")}</label>
            <input id="filter-q" name="q" type="search" defaultValue={filters.q} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="filter-skill">{t("web.mentors.skill")}</label>
            <input
              id="filter-skill"
              name="skill"
              defaultValue={filters.skill}
              maxLength={60}
              placeholder={t("web.mentors.skillPlaceholder")}
            />
          </div>
          <div className="field">
            <label htmlFor="filter-language">{t("web.mentors.language")}</label>
            <select id="filter-language" name="language" defaultValue={filters.language}>
              <option value="">{t("web.mentors.anyLanguage")}</option>
              {filterLanguages.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-within">{t("web.mentors.availability")}</label>
            <select id="filter-within" name="within" defaultValue={filters.within}>
              <option value="">{t("web.mentors.anyTime")}</option>
              {withinChoices.map((days) => (
                <option key={days} value={days}>
                  {t("web.mentors.withinDays", { days })}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field price-filter field-wide">
            <legend>{t("web.mentors.priceRange")}</legend>
            <div className="inline-fields">
              <label htmlFor="filter-min" className="visually-hidden">
                {t("web.mentors.priceMin")}
              </label>
              <input
                id="filter-min"
                name="min"
                inputMode="decimal"
                defaultValue={filters.min}
                placeholder={t("web.mentors.priceMin")}
                size={6}
                aria-invalid={problems.length > 0 ? true : undefined}
              />
              <span aria-hidden="true">–</span>
              <label htmlFor="filter-max" className="visually-hidden">
                {t("web.mentors.priceMax")}
              </label>
              <input
                id="filter-max"
                name="max"
                inputMode="decimal"
                defaultValue={filters.max}
                placeholder={t("web.mentors.priceMax")}
                size={6}
                aria-invalid={problems.length > 0 ? true : undefined}
              />
              <label htmlFor="filter-currency" className="visually-hidden">
                {t("web.mentors.currency")}
              </label>
              <select id="filter-currency" name="currency" defaultValue={filters.currency}>
                <option value="">{t("web.mentors.currency")}</option>
                {currencies.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <div className="form-footer field-wide">
            <button type="submit" className="button">
              {t("web.mentors.apply")}
            </button>
            {anyFilter ? (
              <Link to="/mentors" className="button button-secondary">
                {t("web.mentors.clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </search>
      {problems.map((problem) => (
        <div key={problem} className="alert alert-error" role="alert">
          {t(`web.mentors.${problem}`)}
        </div>
      ))}
      {failure ? (
        <div className="alert alert-error" role="alert">
          {failure.message}
        </div>
      ) : null}
      <h2 className="visually-hidden" id="results-heading">
        {t("web.mentors.results")}
      </h2>
      <p role="status" className="muted" aria-live="polite">
        {searching ? t("web.mentors.searching") : ""}
      </p>
      {items.length === 0 && !failure ? (
        <div className="card">
          <p>{anyFilter ? t("web.mentors.noMatch") : t("web.mentors.empty")}</p>
          {nextPage ? <p className="muted">{t("web.mentors.keepLooking")}</p> : null}
        </div>
      ) : (
        <ul className="mentor-grid" aria-labelledby="results-heading">
          {items.map((mentor) => (
            <li key={mentor.id} className="card mentor-card" data-testid="mentor-card">
              <div className="mentor-card-head">
                <Avatar name={mentor.name} src={mentor.avatarUrl} size={64} />
                <div>
                  <h3>
                    <Link to={`/mentors/${mentor.id}`}>{mentor.name}</Link>
                  </h3>
                  {mentor.paused ? <PausedBadge /> : null}
                </div>
              </div>
              {mentor.headline ? <p>{mentor.headline}</p> : null}
              <SkillTags skills={mentor.skills} />
              <LanguageList languages={mentor.languages} />
              {mentor.prices.length > 0 ? (
                <p className="small price-range">{formatPrices(mentor.prices)}</p>
              ) : (
                <p className="small muted">{t("web.mentors.noOfferings")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t("web.admin.pagination")}>
        {isFirstPage ? null : <Link to={firstPage}>{t("web.admin.firstPage")}</Link>}
        {nextPage ? (
          <Link to={nextPage} className="button button-secondary">
            {t("web.admin.nextPage")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
