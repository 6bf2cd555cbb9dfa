import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ActionAlert } from "~/components/action-alert";
import { ErrorPage } from "~/components/error-page";
import { missingFields, ProfileForm } from "~/components/profile-form";
import { attempt, requireSession } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { profileIntent, timeZoneList } from "~/lib/profile.server";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.apply.title");

const profileFieldKeys = ["headline", "bio", "skills", "languages", "timezone"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const user = requireSession(request, input);
    if (user.role === "MENTOR") throw redirect("/mentor");
    const profile = await input.caller.profile.get();
    return { profile, timeZones: timeZoneList(profile.timezone), isAdmin: user.role === "ADMIN" };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const form = await request.formData();
    if (form.get("intent") === "apply") {
      const result = await attempt(input.ctx, "apply", () =>
        input.caller.mentor.submitApplication(),
      );
      if (result.ok && result.result?.status === "APPROVED") throw redirect("/mentor?welcome=1");
      return result.ok ? { ok: true as const, intent: "apply" } : result;
    }
    const outcome = await profileIntent(input, form);
    return outcome.ok ? { ok: true as const, intent: outcome.intent } : outcome;
  });
}

export default function Apply() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { profile, timeZones } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const application = profile.mentor;
  const missing = missingFields(profile);
  const applyFailure = outcome && !outcome.ok && outcome.intent === "apply" ? outcome : null;
  const serverMissing =
    applyFailure && "details" in applyFailure && Array.isArray(applyFailure.details?.missing)
      ? (applyFailure.details.missing as string[])
      : null;
  const stillMissing = (serverMissing ?? missing).filter((field) =>
    (profileFieldKeys as readonly string[]).includes(field),
  ) as (typeof profileFieldKeys)[number][];
  const canApply = !application || application.status === "REJECTED";

  return (
    <>
      <h1>{t("web.apply.heading")}</h1>
      <p className="lead">{t("web.apply.intro")}</p>
      <section className="card" aria-labelledby="application-heading">
        <h2 id="application-heading">{t("web.apply.statusHeading")}</h2>
        {application?.status === "PENDING" ? (
          <div className="alert alert-info" role="status" data-testid="application-status">
            {t("web.apply.pending", { date: formatDate(application.appliedAt) })}
          </div>
        ) : null}
        {application?.status === "REJECTED" ? (
          <div className="alert alert-error" data-testid="application-status">
            {t("web.apply.rejected")}
            {application.decisionNote ? (
              <span className="block">
                {t("web.apply.note")} {application.decisionNote}
              </span>
            ) : null}
          </div>
        ) : null}
        {outcome?.ok && outcome.intent === "apply" ? (
          <div className="alert alert-success" role="status">
            {t("web.apply.submitted")}
          </div>
        ) : null}
        {canApply ? (
          <>
            {stillMissing.length > 0 ? (
              <div
                className={applyFailure ? "alert alert-error" : "notice"}
                role={applyFailure ? "alert" : undefined}
              >
                <p>{t("web.apply.missingIntro")}</p>
                <ul>
                  {stillMissing.map((field) => (
                    <li key={field}>{t(`web.apply.missing.${field}`)}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p>{t("web.apply.ready")}</p>
            )}
            {applyFailure && applyFailure.code !== "PROFILE_INCOMPLETE" ? (
              <ActionAlert failure={applyFailure} />
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <button type="submit" className="button">
                {t("web.apply.submit")}
              </button>
            </Form>
          </>
        ) : null}
        <p className="small muted">
          <Link to="/mentors">{t("web.apply.seeMentors")}</Link>
        </p>
      </section>
      <ProfileForm profile={profile} timeZones={timeZones} outcome={outcome} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
