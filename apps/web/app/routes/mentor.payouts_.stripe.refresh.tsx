import { errorCodeOf } from "@mentora/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { requireMentor } from "~/lib/guards.server";
import { withCaller } from "~/lib/trpc.server";

/**
 * Stripe's refresh_url: the Account Link expired or was already used. A new one is made for the
 * signed-in mentor's own account and they go straight back to Stripe's form (a stale sign-in
 * goes through /reauth first, then here again). A GET: it never changes the payout method.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    requireMentor(request, input);
    let url: string;
    try {
      ({ url } = await input.caller.payouts.startOnboarding({ resume: true }));
    } catch (error) {
      // Not set up with Stripe (or another method since): the page, where the button is.
      if (errorCodeOf(error) !== "PAYOUT_ONBOARDING_REQUIRED") throw error;
      url = "/mentor/payouts";
    }
    throw redirect(url, { headers: { "Cache-Control": "no-store" } });
  });
}

/** Never rendered: the loader always redirects or fails. */
export default function StripeRefresh() {
  return null;
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
