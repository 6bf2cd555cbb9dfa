import { handlePaymentReturn } from "@mentora/core/payments";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { httpError, withCaller } from "~/lib/trpc.server";

/**
 * Where a provider sends the payer back: `?secret=` proves the link is ours and works once; the
 * outcome is asked of the provider, never read from the URL. Then the status page takes over.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async ({ ctx }) => {
    const paymentId = params.id ?? "";
    const secret = new URL(request.url).searchParams.get("secret") ?? "";
    const outcome = secret
      ? await handlePaymentReturn(ctx.services, { paymentId, secret })
      : "invalid";
    if (outcome === "invalid") throw httpError(ctx, "NOT_FOUND");
    const status = `/payments/${encodeURIComponent(paymentId)}`;
    throw redirect(outcome === "replayed" ? `${status}?return=replayed` : status, {
      headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
    });
  });
}

/** Never rendered: the loader always redirects or fails. */
export default function PaymentReturn() {
  return null;
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
