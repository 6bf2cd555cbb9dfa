import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { MentorPage } from "~/components/scheduler/mentor-page";
import { loadMentorPage, mentorPageAction } from "~/lib/booking.server";
import { namedTitle } from "~/lib/meta";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  namedTitle(matches, data?.mentor.name, "web.mentors.title");

/** A mentor's public page; old `?option=…&week=…&slot=…` links redirect to the scheduler. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadMentorPage({ request, context }, params.mentorId ?? "");
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
