import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { missingFields } from "~/components/profile-form";
import { requireMentor } from "~/lib/guards.server";
import { useDateFormats, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.mentorArea.title");

const DAY_MS = 86_400_000;

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    const { caller } = input;
    const now = new Date();
    const [profile, availability, offerings, sessions] = await Promise.all([
      caller.profile.get(),
      caller.availability.get(),
      caller.offerings.list(),
      caller.mentorSessions.list({ from: now, to: new Date(now.getTime() + 7 * DAY_MS) }),
    ]);
    return {
      name: profile.name,
      mentorId: profile.id,
      missing: missingFields(profile),
      settings: availability.settings,
      timezone: availability.timezone,
      hasRules: availability.rules.length > 0,
      activeOfferings: offerings.filter((offering) => offering.status === "ACTIVE").length,
      sessions: sessions.filter((session) => session.status === "SCHEDULED"),
      welcome: new URL(request.url).searchParams.get("welcome") === "1",
    };
  });
}

export default function MentorDashboard() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const formats = useDateFormats(data.timezone);
  const steps = [
    {
      done: data.missing.length === 0,
      label: t("web.dashboard.stepProfile"),
      to: "/mentor/profile",
    },
    {
      done: data.activeOfferings > 0,
      label: t("web.dashboard.stepOffering"),
      to: "/mentor/offerings",
    },
    { done: data.hasRules, label: t("web.dashboard.stepHours"), to: "/mentor/availability" },
  ];
  return (
    <>
      <h1>{t("web.dashboard.heading", { name: data.name })}</h1>
      {data.welcome ? (
        <div className="alert alert-success" role="status">
          {t("web.dashboard.welcome")}
        </div>
      ) : null}
      <div className="grid">
        <section className="card" aria-labelledby="setup-heading">
          <h2 id="setup-heading">{t("web.dashboard.setup")}</h2>
          <ul className="checklist">
            {steps.map((step) => (
              <li key={step.to} className={step.done ? "done" : undefined}>
                <span aria-hidden="true">{step.done ? "✓" : "○"} </span>
                <Link to={step.to}>{step.label}</Link>
                <span className="visually-hidden">
                  {" "}
                  ({step.done ? t("web.dashboard.done") : t("web.dashboard.todo")})
                </span>
              </li>
            ))}
          </ul>
          <p>
            {data.settings?.acceptingBookings === false ? (
              <span className="badge badge-warning">{t("web.mentors.paused")}</span>
            ) : (
              <span className="badge badge-success">{t("web.dashboard.accepting")}</span>
            )}{" "}
            <Link to="/mentor/availability#settings-heading">
              {t("web.dashboard.changeSettings")}
            </Link>
          </p>
          <p>
            <Link to={`/mentors/${data.mentorId}`}>{t("web.profile.viewPublic")}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="week-heading">
          <h2 id="week-heading">{t("web.dashboard.nextSevenDays")}</h2>
          {data.sessions.length === 0 ? (
            <p className="muted">{t("web.dashboard.noSessions")}</p>
          ) : (
            <ul className="plain-list">
              {data.sessions.map((session) => (
                <li key={session.id}>
                  <time dateTime={session.startsAt.toISOString()}>
                    {formats.dateTime(session.startsAt)}
                  </time>{" "}
                  — {session.offeringTitle} (
                  {t("web.calendar.participants", { count: session.participants.length })}) ·{" "}
                  <Link to={`/sessions/${session.id}/call`}>{t("web.call.joinLink")}</Link>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/mentor/calendar">{t("web.dashboard.openCalendar")}</Link>
          </p>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
