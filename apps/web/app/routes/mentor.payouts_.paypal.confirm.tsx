import { errorCodeOf } from "@mentora/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useRouteError } from "@remix-run/react";
import { TRPCError } from "@trpc/server";
import { ErrorPage } from "~/components/error-page";
import { formText } from "~/lib/forms";
import { requireMentor } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "web.mentorPayouts.paypal.confirmTitle");

/**
 * The link e-mailed to a PayPal payout address. Opening it only shows a button: mail scanners
 * that fetch links must not confirm an address nobody read. The signed-in mentor presses it.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    requireMentor(request, input);
    const url = new URL(request.url);
    const method = await input.caller.payouts.getMethod();
    return {
      email: method?.method.kind === "PAYPAL" ? method.method.email : null,
      expires: url.searchParams.get("expires") ?? "",
      sig: url.searchParams.get("sig") ?? "",
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireMentor(request, input);
    const form = await request.formData();
    try {
      await input.caller.payouts.confirmEmail({
        expires: Number(formText(form, "expires")),
        sig: formText(form, "sig"),
      });
    } catch (error) {
      // A tampered or truncated link fails the input's shape (BAD_REQUEST) or the signature.
      const malformed = error instanceof TRPCError && error.code === "BAD_REQUEST";
      if (malformed || errorCodeOf(error) === "PAYOUT_VERIFICATION_INVALID") {
        throw redirect("/mentor/payouts?paypal=invalid");
      }
      throw error;
    }
    throw redirect("/mentor/payouts?paypal=confirmed");
  });
}

export default function ConfirmPaypal() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  return (
    <section className="card stack" aria-labelledby="paypal-confirm-heading">
      <h1 id="paypal-confirm-heading">{t("web.mentorPayouts.paypal.confirmTitle")}</h1>
      {data.email ? (
        <>
          <p>{t("web.mentorPayouts.paypal.confirmIntro", { email: data.email })}</p>
          <Form method="post">
            <input type="hidden" name="expires" value={data.expires} />
            <input type="hidden" name="sig" value={data.sig} />
            <button type="submit" className="button">
              {t("web.mentorPayouts.paypal.confirmButton")}
            </button>
          </Form>
        </>
      ) : (
        <p className="notice">{t("web.mentorPayouts.paypal.invalid")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
