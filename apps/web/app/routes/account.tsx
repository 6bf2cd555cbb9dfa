import { isLocale } from "@mentora/i18n";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { AccountDataExport, AccountDeletion } from "~/components/account-data";
import { AccountPreferences } from "~/components/account-preferences";
import { AccountSessions } from "~/components/account-sessions";
import { ApiKeys } from "~/components/api-keys";
import { BillingDetailsForm } from "~/components/billing-details-form";
import { CalendarSubscription } from "~/components/calendar-subscription";
import { ErrorPage } from "~/components/error-page";
import { ModerationNotices } from "~/components/moderation-notices";
import { NotificationPreferences } from "~/components/notification-preferences";
import { Button } from "~/components/ui/button";
import { formText } from "~/lib/forms";
import { attempt } from "~/lib/guards.server";
import { assertSameOrigin, setCookieHeaders } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
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
    const [
      me,
      sessions,
      billing,
      exports,
      deletion,
      notificationPreferences,
      moderation,
      apiKeys,
      calendarFeed,
    ] = await Promise.all([
      input.caller.account.me(),
      input.caller.account.listSessions(),
      input.caller.invoices.getBillingDetails(),
      input.caller.account.listExports(),
      input.caller.account.deletionBlockers(),
      input.caller.notifications.getPreferences(),
      input.caller.moderation.myNotices(),
      input.caller.apiKeys.list(),
      input.caller.calendars.feedStatus(),
    ]);
    return {
      twoFactorEnabled: Boolean(input.ctx.session?.user.twoFactorEnabled),
      me: {
        name: me.name,
        email: me.email,
        role: me.role,
        locale: me.locale,
        timezone: me.timezone,
      },
      sessions,
      billing,
      exports,
      deletion,
      notificationPreferences,
      moderation,
      apiKeys,
      calendarFeed,
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
          siren: optional("siren"),
          siret: optional("siret"),
        }),
      );
    }
    if (form.get("intent") === "notifications") {
      const kinds = form.getAll("kind").filter((kind): kind is string => typeof kind === "string");
      return attempt(input.ctx, "notifications", () =>
        input.caller.notifications.setPreferences({
          // The schema refuses an unknown kind with BAD_REQUEST.
          preferences: kinds.map((kind) => ({
            kind: kind as never,
            inApp: form.get(`inApp:${kind}`) === "on",
            email: form.get(`email:${kind}`) === "on",
          })),
        }),
      );
    }
    if (form.get("intent") === "api-key-create") {
      const days = formText(form, "expiresInDays");
      return attempt(input.ctx, "api-key-create", () =>
        input.caller.apiKeys.create({
          name: formText(form, "name"),
          // The schema refuses an unknown scope or expiry with BAD_REQUEST.
          scopes: form.getAll("scope").filter((s): s is string => typeof s === "string") as never,
          expiresInDays: days ? Number(days) : undefined,
        }),
      );
    }
    if (form.get("intent") === "api-key-revoke") {
      return attempt(input.ctx, "api-key-revoke", () =>
        input.caller.apiKeys.revoke({ keyId: formText(form, "keyId") }),
      );
    }
    if (form.get("intent") === "calendar-feed") {
      return attempt(input.ctx, "calendar-feed", () => input.caller.calendars.regenerateFeed());
    }
    if (form.get("intent") === "calendar-feed-revoke") {
      return attempt(input.ctx, "calendar-feed-revoke", () => input.caller.calendars.revokeFeed());
    }
    if (form.get("intent") === "export") {
      return attempt(input.ctx, "export", () => input.caller.account.requestExport());
    }
    if (form.get("intent") === "delete") {
      const result = await attempt(input.ctx, "delete", () =>
        input.caller.account.deleteAccount({
          confirmEmail: formText(form, "confirmEmail"),
          password: formText(form, "password") || undefined,
        }),
      );
      if (!result.ok) return result;
      // The session is gone with the account: the cookie goes too.
      const signedOut = await input.ctx.services.auth.api.signOut({
        headers: request.headers,
        asResponse: true,
      });
      return redirect("/?accountDeleted=1", { headers: setCookieHeaders(signedOut.headers) });
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
  // Moderation changes reach this page as they happen (the realtime stream).
  useRevalidateOn(["moderation"]);
  const {
    me,
    sessions,
    timeZones,
    billing,
    exports,
    deletion,
    twoFactorEnabled,
    notificationPreferences,
    moderation,
    apiKeys,
    calendarFeed,
  } = useLoaderData<typeof loader>();

  const result = useActionData<typeof action>();
  const resultOf = (intent: string) =>
    result && "intent" in result && result.intent === intent ? result : null;
  const billingResult = resultOf("billing");
  const exportResult = resultOf("export");
  const deleteResult = resultOf("delete");
  const notificationsResult = resultOf("notifications");
  const apiKeyCreated = resultOf("api-key-create");
  const apiKeyRevoked = resultOf("api-key-revoke");
  const feedResult = resultOf("calendar-feed");
  const feedRevokeResult = resultOf("calendar-feed-revoke");
  return (
    <div className="container">
      <h1>{t("web.account.heading")}</h1>
      <ModerationNotices notices={moderation} />
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
        <section className="card" aria-labelledby="two-factor-heading">
          <h2 id="two-factor-heading">{t("web.accounts.twoFactor.heading")}</h2>
          <p data-testid="two-factor-status">
            {t(
              twoFactorEnabled
                ? "web.accounts.twoFactor.statusOn"
                : "web.accounts.twoFactor.statusOff",
            )}
          </p>
          {twoFactorEnabled ? null : (
            <Button asChild>
              <Link to="/account/two-factor">{t("web.accounts.twoFactor.manage")}</Link>
            </Button>
          )}
          <p>
            <Link to="/account/two-factor#passkeys-heading">
              {t("web.accounts.passkeys.manage")}
            </Link>
          </p>
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
            <Button asChild variant="secondary">
              <Link to="/mentor/apply">{t("web.account.becomeMentor.cta")}</Link>
            </Button>
          </p>
        </section>
      )}
      <BillingDetailsForm
        values={billing}
        failure={billingResult && !billingResult.ok ? billingResult : null}
        saved={Boolean(billingResult?.ok)}
      />
      <NotificationPreferences
        rows={notificationPreferences}
        saved={Boolean(notificationsResult?.ok)}
        failure={notificationsResult && !notificationsResult.ok ? notificationsResult : null}
      />
      <CalendarSubscription
        active={calendarFeed.active}
        createdAt={calendarFeed.createdAt}
        created={
          feedResult?.ok && feedResult.result && "url" in feedResult.result
            ? feedResult.result
            : null
        }
        revoked={Boolean(feedRevokeResult?.ok)}
        failure={
          (feedResult && !feedResult.ok ? feedResult : null) ??
          (feedRevokeResult && !feedRevokeResult.ok ? feedRevokeResult : null)
        }
      />
      <AccountSessions initial={sessions} />
      <ApiKeys
        keys={apiKeys}
        created={
          apiKeyCreated?.ok
            ? (apiKeyCreated.result as unknown as { name: string; key: string })
            : null
        }
        failure={
          apiKeyCreated && !apiKeyCreated.ok
            ? apiKeyCreated
            : apiKeyRevoked && !apiKeyRevoked.ok
              ? apiKeyRevoked
              : null
        }
        revoked={Boolean(apiKeyRevoked?.ok)}
      />
      <AccountDataExport
        exports={exports}
        failure={exportResult && !exportResult.ok ? exportResult : null}
        requested={Boolean(exportResult?.ok)}
      />
      <AccountDeletion
        blockers={deletion.blockers}
        hasPassword={deletion.hasPassword}
        email={me.email}
        failure={deleteResult && !deleteResult.ok ? deleteResult : null}
      />
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
