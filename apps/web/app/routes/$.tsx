import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { pageTitle } from "~/lib/meta";
import { httpError, withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "web.errorPage.notFoundHeading");

/** Unknown URLs: a 404 page in the viewer's language (the root loader still runs). */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ ctx }) => {
    throw httpError(ctx, "NOT_FOUND");
  });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return (
    <div className="container narrow">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
