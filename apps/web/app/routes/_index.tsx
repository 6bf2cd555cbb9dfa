import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StatusNotice } from "~/components/action-alert";
import { MentorCard } from "~/components/directory/mentor-card";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRootData } from "~/lib/root-data";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.home.title");

const featuredCount = 6;

/** Outline icons (24 px grid paths): a star, a padlock, a document. */
const icons = {
  star: "M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3 6.4 20.2l1.1-6.2L3 9.6l6.2-.9z",
  lock: "M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4",
  invoice: "M7 3h7l4 4v14H7zM14 3v4h4M10 12h5M10 16h5",
} as const;

/** Featured mentors (best rated with a free time this week, else best rated) and skills. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ caller }) => {
    const [soon, skills] = await Promise.all([
      caller.directory.search({ availableWithinDays: 7, sort: "rating", limit: featuredCount }),
      caller.directory.skills({ limit: 16 }),
    ]);
    const featured =
      soon.items.length >= 3
        ? soon.items
        : (await caller.directory.search({ sort: "rating", limit: featuredCount })).items;
    return { featured, skills };
  });
}

function Steps({ heading, steps }: { heading: string; steps: string[] }) {
  return (
    <Card className="p-6">
      <h3 className="mt-0 text-xl font-semibold">{heading}</h3>
      <ol className="m-0 flex list-none flex-col gap-4 p-0">
        {steps.map((step, index) => (
          <li key={step} className="flex gap-3">
            <span
              aria-hidden="true"
              className="flex size-8 shrink-0 items-center justify-center rounded-full bg-primary-soft font-bold text-primary"
            >
              {index + 1}
            </span>
            <span className="pt-1">{step}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export default function Home() {
  const t = useT();
  const viewer = useRootData()?.viewer;
  const { featured, skills } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const trust = [
    ["reviewsTitle", "reviews", icons.star],
    ["paymentsTitle", "payments", icons.lock],
    ["invoicesTitle", "invoices", icons.invoice],
  ] as const;
  return (
    <div className="mx-auto w-full max-w-7xl px-4 sm:px-6">
      <StatusNotice
        message={search.get("accountDeleted") === "1" ? t("web.home.accountDeleted") : null}
      />
      <section className="py-10 text-center sm:py-16" aria-labelledby="home-heading">
        <p className="m-0 text-sm font-semibold tracking-wide text-primary uppercase">
          {t("common.tagline")}
        </p>
        <h1 id="home-heading" className="mx-auto mt-3 max-w-3xl text-4xl font-bold sm:text-5xl">
          {t("web.home.heading")}
        </h1>
        <p className="mx-auto mt-4 max-w-2xl text-lg text-muted">{t("web.home.intro")}</p>
        <Form
          method="get"
          action="/mentors"
          className="mx-auto mt-8 flex max-w-xl flex-col gap-2 sm:flex-row"
          role="search"
        >
          <label htmlFor="home-search" className="sr-only">
            {t("web.landing.searchLabel")}
          </label>
          <input
            id="home-search"
            name="q"
            type="search"
            maxLength={100}
            placeholder={t("web.landing.searchPlaceholder")}
            className="flex-1 rounded-lg border border-border bg-surface px-4 py-3 text-lg"
          />
          <Button type="submit" size="lg">
            {t("web.landing.search")}
          </Button>
        </Form>
        <div className="mt-6 flex flex-wrap items-center justify-center gap-3">
          {viewer ? (
            <>
              <p className="m-0 w-full">{t("web.home.welcomeBack", { name: viewer.name })}</p>
              <Button asChild>
                <Link to="/mentors">{t("web.home.findMentor")}</Link>
              </Button>
              <Button asChild variant="secondary">
                <Link to="/account">{t("web.home.goToAccount")}</Link>
              </Button>
            </>
          ) : (
            <>
              <Button asChild>
                <Link to="/mentors">{t("web.home.findMentor")}</Link>
              </Button>
              <Button asChild variant="secondary">
                <Link to="/sign-up">{t("web.home.getStarted")}</Link>
              </Button>
              <Link to="/sign-in" className="link-inline">
                {t("web.home.signIn")}
              </Link>
            </>
          )}
        </div>
      </section>

      {featured.length > 0 ? (
        <section className="py-8" aria-labelledby="featured-heading">
          <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
            <div>
              <h2 id="featured-heading" className="m-0 text-2xl font-bold">
                {t("web.landing.featuredHeading")}
              </h2>
              <p className="m-0 text-muted">{t("web.landing.featuredIntro")}</p>
            </div>
            <Link to="/mentors?within=7&sort=soonest">{t("web.landing.seeAll")}</Link>
          </div>
          <ul className="m-0 grid list-none gap-4 p-0 sm:grid-cols-2 lg:grid-cols-3">
            {featured.map((mentor) => (
              <li key={mentor.id}>
                <MentorCard mentor={mentor} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {skills.length > 0 ? (
        <section className="py-8" aria-labelledby="skills-heading">
          <h2 id="skills-heading" className="mt-0 text-2xl font-bold">
            {t("web.landing.skillsHeading")}
          </h2>
          <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
            {skills.map((skill) => (
              <li key={skill.slug}>
                <Link
                  to={`/mentors?skill=${encodeURIComponent(skill.slug)}`}
                  className="inline-block rounded-full border border-border bg-surface px-4 py-2 text-text no-underline hover:border-primary hover:text-primary"
                >
                  {t("web.landing.skillMentors", { name: skill.name, count: skill.mentors })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="py-8" aria-labelledby="how-heading">
        <h2 id="how-heading" className="mt-0 text-2xl font-bold">
          {t("web.landing.howHeading")}
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <Steps
            heading={t("web.landing.forMentees")}
            steps={[
              t("web.landing.menteeSteps.find"),
              t("web.landing.menteeSteps.book"),
              t("web.landing.menteeSteps.meet"),
            ]}
          />
          <Steps
            heading={t("web.landing.forMentors")}
            steps={[
              t("web.landing.mentorSteps.profile"),
              t("web.landing.mentorSteps.sessions"),
              t("web.landing.mentorSteps.paid"),
            ]}
          />
        </div>
      </section>

      <section className="py-8" aria-labelledby="trust-heading">
        <h2 id="trust-heading" className="mt-0 text-2xl font-bold">
          {t("web.landing.trustHeading")}
        </h2>
        <ul className="m-0 grid list-none gap-4 p-0 md:grid-cols-3">
          {trust.map(([title, text, icon]) => (
            <li key={title}>
              <Card className="h-full p-6">
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  className="size-8 fill-none stroke-primary stroke-2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  <path d={icon} />
                </svg>
                <h3 className="mb-2 text-lg font-semibold">{t(`web.landing.trust.${title}`)}</h3>
                <p className="m-0 text-muted">{t(`web.landing.trust.${text}`)}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section
        className="my-10 rounded-2xl bg-primary px-6 py-10 text-center text-on-primary"
        aria-labelledby="cta-heading"
      >
        <h2 id="cta-heading" className="mt-0 text-3xl font-bold">
          {t("web.landing.ctaHeading")}
        </h2>
        <p className="mx-auto max-w-xl text-lg">{t("web.landing.ctaText")}</p>
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          <Button asChild variant="secondary" size="lg">
            <Link to="/mentors">{t("web.home.findMentor")}</Link>
          </Button>
          <Button asChild variant="secondary" size="lg">
            <Link to={viewer ? "/mentor/apply" : "/sign-up"}>{t("web.landing.becomeMentor")}</Link>
          </Button>
        </div>
      </section>
    </div>
  );
}
