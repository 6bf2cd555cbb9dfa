import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { ModerationNotices } from "~/components/moderation-notices";
import { ProfileForm } from "~/components/profile-form";
import { requireSession } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { profileIntent, timeZoneList } from "~/lib/profile.server";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.profile.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const user = requireSession(request, input);
    const [profile, moderation] = await Promise.all([
      input.caller.profile.get(),
      input.caller.moderation.myNotices(),
    ]);
    return {
      profile,
      moderation,
      timeZones: timeZoneList(profile.timezone),
      isMentor: user.role === "MENTOR",
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const outcome = await profileIntent(input, await request.formData());
    // The page reads the saved profile from its loader: return only how it went.
    return outcome.ok ? { ok: true as const, intent: outcome.intent } : outcome;
  });
}

export default function MentorProfile() {
  const t = useT();
  // Moderation changes reach this page as they happen (the realtime stream).
  useRevalidateOn(["moderation"]);
  const { profile, timeZones, isMentor, moderation } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <h1>{t("web.profile.pageHeading")}</h1>
      <ModerationNotices notices={moderation} />
      {isMentor ? (
        <p>
          <Link to={`/mentors/${profile.id}`}>{t("web.profile.viewPublic")}</Link>
        </p>
      ) : (
        <p className="muted">
          {t("web.profile.applyHint")} <Link to="/mentor/apply">{t("web.mentorArea.apply")}</Link>
        </p>
      )}
      <ProfileForm profile={profile} timeZones={timeZones} outcome={outcome} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
