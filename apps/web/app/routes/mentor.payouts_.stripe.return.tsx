import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { requireMentor } from "~/lib/guards.server";
import { withCaller } from "~/lib/trpc.server";

/**
 * Stripe's return_url: the mentor left the hosted form (finished or not; the URL says nothing).
 * The account's status is asked of Stripe now; if Stripe cannot be reached, the account.updated
 * webhooks bring it. Then the payouts page shows where things stand.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    requireMentor(request, input);
    try {
      await input.caller.payouts.refreshAccount();
    } catch (error) {
      input.ctx.services.logger.warn(
        { err: error, requestId: input.ctx.requestId },
        "payout account status not refreshed on return",
      );
    }
    throw redirect("/mentor/payouts?stripe=returned", {
      headers: { "Cache-Control": "no-store" },
    });
  });
}

/** Never rendered: the loader always redirects or fails. */
export default function StripeReturn() {
  return null;
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
