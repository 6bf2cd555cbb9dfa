import {
  availabilityWindows,
  type DirectorySort,
  directorySorts,
  type TimeOfDay,
  timesOfDay,
} from "@mentora/core/contracts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useLoaderData,
  useLocation,
  useNavigate,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { type FormEvent, useEffect, useRef } from "react";
import {
  type DirectoryFilters,
  FilterPanel,
  ratingChoices,
} from "~/components/directory/filter-panel";
import { MentorCard, MentorCardSkeleton } from "~/components/directory/mentor-card";
import { ErrorPage } from "~/components/error-page";
import { Button } from "~/components/ui/button";
import { isCurrency } from "~/lib/currencies";
import { attempt } from "~/lib/guards.server";
import { useI18n, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { parseMoneyInput } from "~/lib/money";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.mentors.title");

const pageSize = 12;
/** How long typing may pause before the results follow (with JavaScript). */
const debounceMs = 300;

/** A skill's tag as core makes it ("TypeScript" → "typescript"), to tick its box. */
function skillSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\+/g, " plus ")
    .replace(/#/g, " sharp ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The filters as the URL holds them (shareable, and the form's own GET fields). */
function filtersOf(url: URL): DirectoryFilters {
  const get = (name: string) => url.searchParams.get(name)?.trim() ?? "";
  const all = (name: string) =>
    [...new Set(url.searchParams.getAll(name).map((value) => value.trim()))].filter(Boolean);
  return {
    q: get("q"),
    skills: [...new Set(all("skill").map(skillSlug))].filter(Boolean).slice(0, 10),
    language: get("language"),
    currency: get("currency"),
    min: get("min"),
    max: get("max"),
    rating: get("rating"),
    within: get("within"),
    times: all("time").filter((time) => (timesOfDay as readonly string[]).includes(time)),
    sort: get("sort"),
  };
}

type FilterGroup = "q" | "skill" | "language" | "price" | "rating" | "within" | "time";

/** The URL parameters of each removable filter, for "remove this filter" suggestions. */
const groupParams: Record<FilterGroup, string[]> = {
  q: ["q"],
  skill: ["skill"],
  language: ["language"],
  price: ["min", "max", "currency"],
  rating: ["rating"],
  within: ["within"],
  time: ["time"],
};

/** The procedure's input from the filters, or the problems that keep a field out. */
function searchInputOf(filters: DirectoryFilters) {
  const currency = isCurrency(filters.currency) ? filters.currency : undefined;
  const priceMin = currency && filters.min ? parseMoneyInput(filters.min, currency) : null;
  const priceMax = currency && filters.max ? parseMoneyInput(filters.max, currency) : null;
  const problems: ("priceNeedsCurrency" | "badPrice")[] = [];
  if ((filters.min || filters.max) && !currency) problems.push("priceNeedsCurrency");
  if (currency && ((filters.min && priceMin === null) || (filters.max && priceMax === null))) {
    problems.push("badPrice");
  }
  const badPrice = problems.includes("badPrice");
  const within = Number(filters.within);
  const rating = (ratingChoices as readonly string[]).includes(filters.rating)
    ? Number(filters.rating)
    : undefined;
  const sort = (directorySorts as readonly string[]).includes(filters.sort)
    ? (filters.sort as DirectorySort)
    : undefined;
  const input = {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.skills.length > 0 ? { skills: filters.skills } : {}),
    ...(filters.language ? { language: filters.language } : {}),
    ...(currency ? { currency } : {}),
    ...(priceMin !== null && !badPrice ? { priceMin } : {}),
    ...(priceMax !== null && !badPrice ? { priceMax } : {}),
    ...(rating !== undefined ? { minRating: rating } : {}),
    ...((availabilityWindows as readonly number[]).includes(within)
      ? { availableWithinDays: within }
      : {}),
    ...(filters.times.length > 0 ? { timesOfDay: filters.times as TimeOfDay[] } : {}),
    ...(sort ? { sort } : {}),
  };
  return { input, problems };
}

/** The public directory: search, filters and sort in the URL (shareable), keyset pages. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ caller, ctx }) => {
    const url = new URL(request.url);
    const filters = filtersOf(url);
    const { input, problems } = searchInputOf(filters);
    const cursor = url.searchParams.get("cursor") || undefined;
    const [result, skills] = await Promise.all([
      attempt(ctx, "search", () =>
        caller.directory.search({ ...input, limit: pageSize, ...(cursor ? { cursor } : {}) }),
      ),
      caller.directory.skills({ limit: 12 }),
    ]);
    const items = result.ok ? (result.result?.items ?? []) : [];
    // Nothing found: how many each filter's removal would find, to suggest the useful ones.
    const suggestions: { group: FilterGroup; count: string; href: string }[] = [];
    if (result.ok && items.length === 0 && !cursor) {
      for (const group of Object.keys(groupParams) as FilterGroup[]) {
        if (!groupParams[group].some((name) => url.searchParams.get(name))) continue;
        const without = new URLSearchParams(url.search);
        for (const name of groupParams[group]) without.delete(name);
        const relaxed = searchInputOf(filtersOf(new URL(`/mentors?${without}`, url))).input;
        const page = await caller.directory.search({ ...relaxed, limit: 1 });
        if (page.total > 0) {
          // Past the count's cap: "100+" (decision 071).
          const count = page.totalIsCapped ? `${page.total}+` : String(page.total);
          suggestions.push({ group, count, href: `/mentors?${without}` });
        }
      }
    }
    return {
      filters,
      problems,
      isFirstPage: !cursor,
      items,
      total: result.ok ? (result.result?.total ?? 0) : 0,
      totalIsCapped: result.ok ? (result.result?.totalIsCapped ?? false) : false,
      nextCursor: result.ok ? (result.result?.nextCursor ?? null) : null,
      prevCursor: result.ok ? (result.result?.prevCursor ?? null) : null,
      failure: result.ok ? null : result,
      skills,
      suggestions,
    };
  });
}

function activeFilterCount(filters: DirectoryFilters): number {
  return (
    filters.skills.length +
    [filters.language, filters.min || filters.max, filters.rating, filters.within].filter(Boolean)
      .length +
    filters.times.length
  );
}

export default function Mentors() {
  const t = useT();
  const { timeZone } = useI18n();
  const data = useLoaderData<typeof loader>();
  const { filters, problems, isFirstPage, items, failure } = data;
  const { total, totalIsCapped, nextCursor, prevCursor } = data;
  const navigation = useNavigation();
  const navigate = useNavigate();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const loading = navigation.state === "loading" && navigation.location.pathname === "/mentors";

  // With JavaScript the results follow the form as it changes (typing pauses, a box ticked):
  // the URL is replaced with the form's query, keeping the hash (the phone panel stays open).
  const follow = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const query = new URLSearchParams();
      for (const [name, value] of new FormData(form)) {
        if (typeof value === "string" && value.trim()) query.append(name, value.trim());
      }
      navigate(
        { pathname: "/mentors", search: query.size > 0 ? `?${query}` : "", hash: location.hash },
        { replace: true, preventScrollReset: true },
      );
    }, debounceMs);
  };

  const query = new URLSearchParams(location.search);
  query.delete("cursor");
  const firstPage = `/mentors${query.size > 0 ? `?${query}` : ""}`;
  const pageAt = (cursor: string) =>
    `/mentors?${new URLSearchParams([...query, ["cursor", cursor]])}`;
  const nextPage = nextCursor ? pageAt(nextCursor) : null;
  // Previous and Next only (the count stops at 100, decision 071); an empty page past the end
  // (a stale cursor) offers the first page.
  const previousPage = prevCursor
    ? pageAt(prevCursor)
    : !isFirstPage && items.length === 0
      ? firstPage
      : null;
  const anyFilter = query.size > 0;
  const activeCount = activeFilterCount(filters);

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6">
      <h1 className="m-0 text-3xl font-bold">{t("web.mentors.heading")}</h1>
      <p className="mt-2 mb-6 text-lg text-muted">{t("web.mentors.intro")}</p>
      <Form
        ref={formRef}
        method="get"
        id="directory-filters"
        aria-label={t("web.mentors.filters")}
        onChange={follow}
        onInput={follow}
      >
        <search className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex-1">
            <label htmlFor="filter-q" className="mb-1 block text-sm font-semibold">
              {t("web.mentors.searchLabel")}
            </label>
            <input
              id="filter-q"
              name="q"
              type="search"
              defaultValue={filters.q}
              maxLength={100}
              placeholder={t("web.mentors.searchPlaceholder")}
              autoComplete="off"
              className="w-full rounded-lg border border-border bg-surface px-4 py-3 text-lg focus-visible:outline-3 focus-visible:outline-focus"
            />
          </div>
          <div>
            <label htmlFor="filter-sort" className="mb-1 block text-sm font-semibold">
              {t("web.mentors.sortLabel")}
            </label>
            <select
              id="filter-sort"
              name="sort"
              defaultValue={filters.sort}
              className="w-full rounded-lg border border-border bg-surface px-3 py-3 text-base sm:w-auto"
            >
              <option value="">{t("web.mentors.sortRelevance")}</option>
              <option value="rating">{t("web.mentors.sortRating")}</option>
              <option value="price">{t("web.mentors.sortPrice")}</option>
              <option value="soonest">{t("web.mentors.sortSoonest")}</option>
            </select>
          </div>
          <Button type="submit" size="lg">
            {t("web.mentors.apply")}
          </Button>
        </search>
        <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
          {/* Phones: the panel opens on its own address (#filters), so it works without JS. */}
          <a
            href="#filters"
            className="inline-flex w-fit items-center gap-2 rounded-lg border border-border bg-surface px-4 py-2 font-semibold text-text no-underline lg:hidden"
          >
            {activeCount > 0
              ? t("web.mentors.filtersActive", { count: activeCount })
              : t("web.mentors.filtersToggle")}
          </a>
          <aside
            id="filters"
            aria-label={t("web.mentors.filtersToggle")}
            className="hidden rounded-xl border border-border bg-surface p-4 target:block lg:block lg:self-start"
          >
            <FilterPanel
              filters={filters}
              skills={data.skills}
              invalidPrice={problems.length > 0}
            />
            <div className="mt-5 flex flex-wrap gap-2">
              <Button type="submit" className="flex-1">
                {t("web.mentors.showResults")}
              </Button>
              <a
                href="#results-heading"
                className="inline-flex items-center px-2 text-sm text-primary lg:hidden"
              >
                {t("web.mentors.closeFilters")}
              </a>
            </div>
            {anyFilter ? (
              <p className="mt-3 mb-0 text-sm">
                <Link to="/mentors">{t("web.mentors.clear")}</Link>
              </p>
            ) : null}
          </aside>
          <section aria-labelledby="results-heading" aria-busy={loading}>
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="results-heading" className="m-0 text-xl font-semibold">
                {totalIsCapped
                  ? t("web.mentors.resultCountCapped", { count: total })
                  : total === 1
                    ? t("web.mentors.resultCountOne")
                    : t("web.mentors.resultCount", { count: total })}
              </h2>
              <p className="m-0 text-sm text-muted">
                {t("web.mentors.timeZoneNote", { zone: timeZone })}
              </p>
            </div>
            <p role="status" aria-live="polite" className="sr-only">
              {loading ? t("web.mentors.loading") : ""}
            </p>
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
            {loading ? (
              <ul className="m-0 grid list-none gap-4 p-0 sm:grid-cols-2 xl:grid-cols-3">
                {Array.from({ length: 6 }, (_, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                  <li key={index}>
                    <MentorCardSkeleton />
                  </li>
                ))}
              </ul>
            ) : items.length === 0 && !failure ? (
              <div className="rounded-xl border border-border bg-surface p-6">
                <p className="mt-0">
                  {anyFilter ? t("web.mentors.noMatch") : t("web.mentors.empty")}
                </p>
                {data.suggestions.length > 0 ? (
                  <>
                    <h3 className="text-base font-semibold">
                      {t("web.mentors.suggestionsHeading")}
                    </h3>
                    <ul className="mb-0">
                      {data.suggestions.map((suggestion) => (
                        <li key={suggestion.group}>
                          <Link to={suggestion.href}>
                            {t("web.mentors.removeFilter", {
                              filter: t(`web.mentors.filterNames.${suggestion.group}`),
                              count: suggestion.count,
                            })}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </div>
            ) : (
              <ul
                className="m-0 grid list-none gap-4 p-0 sm:grid-cols-2 xl:grid-cols-3"
                data-testid="mentor-results"
              >
                {items.map((mentor) => (
                  <li key={mentor.id}>
                    <MentorCard mentor={mentor} currency={filters.currency || undefined} />
                  </li>
                ))}
              </ul>
            )}
            <nav
              className="mt-6 flex flex-wrap items-center justify-between gap-3"
              aria-label={t("web.mentors.pagination")}
            >
              <p className="m-0 text-sm text-muted">
                {items.length > 0
                  ? t(totalIsCapped ? "web.mentors.showingCapped" : "web.mentors.showing", {
                      shown: items.length,
                      total,
                    })
                  : ""}
              </p>
              <div className="flex gap-2">
                {previousPage ? (
                  <Button asChild variant="secondary">
                    <Link to={previousPage} rel="prev">
                      {t("web.mentors.previousPage")}
                    </Link>
                  </Button>
                ) : null}
                {nextPage ? (
                  <Button asChild variant="secondary">
                    <Link to={nextPage} rel="next">
                      {t("web.mentors.nextPageLink")}
                    </Link>
                  </Button>
                ) : null}
              </div>
            </nav>
          </section>
        </div>
      </Form>
      <section
        className="mt-10 rounded-xl border border-border bg-surface p-5"
        aria-labelledby="describe-heading"
      >
        <h2 id="describe-heading" className="mt-0 text-lg font-semibold">
          {t("web.matches.legend")}
        </h2>
        <p className="text-muted">{t("web.matches.directoryBox")}</p>
        {/* The matches page asks for a sign-in first, then takes the text over. */}
        <Form method="get" action="/matches" className="flex flex-col gap-2">
          <label htmlFor="directory-need" className="sr-only">
            {t("web.matches.need")}
          </label>
          <textarea
            id="directory-need"
            name="need"
            rows={2}
            maxLength={2000}
            required
            className="w-full rounded-lg border border-border p-3"
          />
          <Button type="submit" variant="secondary" className="w-fit">
            {t("web.matches.submit")}
          </Button>
        </Form>
      </section>
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
