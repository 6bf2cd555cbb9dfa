import { isLocale } from "@mentora/i18n";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { AccountPreferences } from "~/components/account-preferences";
import { AccountSessions } from "~/components/account-sessions";
import { BillingDetailsForm } from "~/components/billing-details-form";
import { ErrorPage } from "~/components/error-page";
import { formText } from "~/lib/forms";
import { attempt } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { type RequestCaller, withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.account.title");

/** Anonymous visitors go to sign-in, and come back here after it. */
function requireSession(request: Request, { ctx }: RequestCaller) {
  if (ctx.session) return;
  const url = new URL(request.url);
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
}

function timeZoneList(current: string | null): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  if (current) zones.add(current);
  return [...zones].sort();
}

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const [me, sessions, billing] = await Promise.all([
      input.caller.account.me(),
      input.caller.account.listSessions(),
      input.caller.invoices.getBillingDetails(),
    ]);
    return {
      me: {
        name: me.name,
        email: me.email,
        role: me.role,
        locale: me.locale,
        timezone: me.timezone,
      },
      sessions,
      billing,
      timeZones: timeZoneList(me.timezone),
    };
  });
}

/** The preferences form without JavaScript (with it, the browser calls tRPC directly). */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const form = await request.formData();
    if (form.get("intent") === "billing") {
      const optional = (name: string) => formText(form, name) || null;
      // Shown next to the form: a bad VAT number or country code is the user's to fix.
      return attempt(input.ctx, "billing", () =>
        input.caller.invoices.updateBillingDetails({
          name: optional("name"),
          addressLines: formText(form, "address")
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean),
          country: optional("country"),
          vatNumber: optional("vatNumber")?.replace(/\s+/g, "") ?? null,
          isBusiness: form.get("isBusiness") === "on",
        }),
      );
    }
    if (form.get("intent") === "preferences") {
      const locale = form.get("locale");
      const timezone = form.get("timezone");
      await input.caller.account.updatePreferences({
        locale: isLocale(locale) ? locale : null,
        timezone: typeof timezone === "string" && timezone ? timezone : null,
      });
    }
    return redirect("/account");
  });
}

export default function Account() {
  const t = useT();
  const { me, sessions, timeZones, billing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const billingResult = result && "intent" in result && result.intent === "billing" ? result : null;
  return (
    <div className="container">
      <h1>{t("web.account.heading")}</h1>
      <div className="grid">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("web.account.profile")}</h2>
          <dl className="details">
            <div>
              <dt>{t("web.account.name")}</dt>
              <dd data-testid="account-name">{me.name}</dd>
            </div>
            <div>
              <dt>{t("web.account.email")}</dt>
              <dd data-testid="account-email">{me.email}</dd>
            </div>
            <div>
              <dt>{t("web.account.role")}</dt>
              <dd>{t(`web.roles.${me.role}`)}</dd>
            </div>
          </dl>
        </section>
        <AccountPreferences
          locale={isLocale(me.locale) ? me.locale : null}
          timezone={me.timezone}
          timeZones={timeZones}
        />
      </div>
      {me.role === "MENTOR" ? null : (
        <section className="card" aria-labelledby="become-mentor-heading">
          <h2 id="become-mentor-heading">{t("web.account.becomeMentor.heading")}</h2>
          <p>{t("web.account.becomeMentor.body")}</p>
          <p>
            <Link to="/mentor/apply" className="button button-secondary">
              {t("web.account.becomeMentor.cta")}
            </Link>
          </p>
        </section>
      )}
      <BillingDetailsForm
        values={billing}
        failure={billingResult && !billingResult.ok ? billingResult : null}
        saved={Boolean(billingResult?.ok)}
      />
      <AccountSessions initial={sessions} />
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
