import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { MentorPage } from "~/components/scheduler/mentor-page";
import { loadMentorPage, mentorPageAction } from "~/lib/booking.server";
import { namedTitle } from "~/lib/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  namedTitle(matches, data?.mentor.name, "web.mentors.title");

/**
 * The scheduler's deep link: `/mentors/:id/:offering?duration=60&date=2026-12-08&tz=…`, and
 * with `&slot=<iso>` the confirmation. Not nested under the mentor page: one loader, one
 * directory.mentor call per request.
 */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadMentorPage({ request, context }, params.mentorId ?? "", params.offeringId ?? "");
}

export function action({ request, context }: ActionFunctionArgs) {
  return mentorPageAction({ request, context });
}

export default MentorPage;

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
