import { hasPassedSecondFactor, MAX_PASSKEY_NAME_LENGTH, safeRedirectPath } from "@mentora/core";
import type { MessageKey } from "@mentora/i18n";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import type { RegistrationResponseJSON } from "@simplewebauthn/browser";
import { ErrorPage } from "~/components/error-page";
import { PasskeyButton } from "~/components/passkey-button";
import { TextField } from "~/components/text-field";
import { authErrorKeyFromResponse } from "~/lib/auth-errors";
import { requireSession } from "~/lib/guards.server";
import { assertSameOrigin, setCookieHeaders } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { passkeyAnswer } from "~/lib/passkeys.server";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "web.accounts.twoFactor.title");

function redirectTarget(request: Request): string {
  return safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/account");
}

/** What the page shows between "start" and "verify": the key, its QR code, the backup codes. */
interface Enrolment {
  totpURI: string;
  qrSvg: string;
  backupCodes: string[];
}

type ActionData = { formError?: MessageKey; notice?: MessageKey; enrolment?: Enrolment };

async function enrolmentOf(totpURI: string, backupCodes: string[]): Promise<Enrolment> {
  // Rendered here as SVG text: the secret never goes to a third-party QR service.
  // Loaded when a QR code is drawn, not when the server starts (decision 059).
  const { default: QRCode } = await import("qrcode");
  const qrSvg = await QRCode.toString(totpURI, { type: "svg", margin: 1, width: 200 });
  return { totpURI, qrSvg, backupCodes };
}

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const user = requireSession(request, input);
    const passkeys = await input.ctx.services.prisma.passkey.findMany({
      where: { userId: user.id },
      select: { id: true, name: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    });
    return {
      passkeys,
      maxPasskeyName: MAX_PASSKEY_NAME_LENGTH,
      verified: hasPassedSecondFactor(input.ctx.session?.session),
      enabled: Boolean(user.twoFactorEnabled),
      requiredForAdmins:
        user.role === "ADMIN" && input.ctx.services.config.accounts.adminRequireTwoFactor,
      redirectTo: redirectTarget(request),
    };
  });
}

/**
 * Two steps, both through better-auth's twoFactor endpoints: "start" (password → a new secret
 * and backup codes, shown once) and "verify" (the first code from the app turns it on and
 * gives a new session that counts as verified).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input): Promise<ActionData> => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const { auth } = input.ctx.services;
    const form = await request.formData();
    const intent = form.get("intent");

    // Passkeys, through better-auth's plugin: it checks the fresh sign-in and the ownership.
    if (intent === "passkey-register") {
      const answer = passkeyAnswer<RegistrationResponseJSON>(form);
      const name = String(form.get("name") ?? "")
        .trim()
        .slice(0, MAX_PASSKEY_NAME_LENGTH);
      const response = answer
        ? await auth.api.verifyPasskeyRegistration({
            body: { response: answer, name: name || undefined },
            headers: input.authHeaders,
            asResponse: true,
          })
        : null;
      if (!response?.ok) return { formError: "web.accounts.passkeys.failed" };
      return { notice: "web.accounts.passkeys.added" };
    }
    if (intent === "passkey-delete") {
      const response = await auth.api.deletePasskey({
        body: { id: String(form.get("id") ?? "") },
        headers: input.authHeaders,
        asResponse: true,
      });
      if (!response.ok) return { formError: "web.authErrors.generic" };
      return { notice: "web.accounts.passkeys.deleted" };
    }

    if (intent === "start") {
      const password = String(form.get("password") ?? "");
      const response = await auth.api.enableTwoFactor({
        body: { password },
        headers: input.authHeaders,
        asResponse: true,
      });
      if (!response.ok) return { formError: await authErrorKeyFromResponse(response) };
      const body = (await response.json()) as { totpURI: string; backupCodes: string[] };
      return { enrolment: await enrolmentOf(body.totpURI, body.backupCodes) };
    }

    // verify: the key and codes come back from the form so a mistyped code can be retried.
    const totpURI = String(form.get("totpURI") ?? "");
    const backupCodes = form.getAll("backupCode").map(String).slice(0, 20);
    const code = String(form.get("code") ?? "").replace(/\s+/g, "");
    const response = await auth.api.verifyTOTP({
      body: { code },
      headers: input.authHeaders,
      asResponse: true,
    });
    if (!response.ok) {
      return {
        formError: "web.accounts.twoFactor.invalidCode",
        enrolment: totpURI.startsWith("otpauth://")
          ? await enrolmentOf(totpURI, backupCodes)
          : undefined,
      };
    }
    throw redirect(redirectTarget(request), { headers: setCookieHeaders(response.headers) });
  });
}

export default function TwoFactorSetup() {
  const t = useT();
  const { enabled, requiredForAdmins, redirectTo, passkeys, verified, maxPasskeyName } =
    useLoaderData<typeof loader>();
  const formatDate = useFormatDateTime();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const formAction = `?redirectTo=${encodeURIComponent(redirectTo)}`;
  const enrolment = result?.enrolment;
  return (
    <div className="container narrow">
      <section className="card" aria-labelledby="two-factor-setup-heading">
        <h1 id="two-factor-setup-heading">{t("web.accounts.twoFactor.heading")}</h1>
        {requiredForAdmins && !enabled && passkeys.length === 0 ? (
          <div className="alert alert-info" role="status">
            {t("web.accounts.twoFactor.requiredForAdmins")}
          </div>
        ) : null}
        {requiredForAdmins && !verified && passkeys.length > 0 ? (
          <div className="alert alert-info" role="status">
            {t("web.accounts.passkeys.adminHint")}{" "}
            <a href={`/reauth${formAction}`}>{t("web.accounts.passkeys.adminLink")}</a>
          </div>
        ) : null}
        {result?.notice ? (
          <div className="alert alert-success" role="status">
            {t(result.notice)}
          </div>
        ) : null}
        {result?.formError ? (
          <div className="alert alert-error" role="alert">
            {t(result.formError)}
          </div>
        ) : null}
        {enabled ? (
          <p data-testid="two-factor-status">{t("web.accounts.twoFactor.alreadyOn")}</p>
        ) : enrolment ? (
          <Form method="post" action={formAction} noValidate className="stack">
            <p>{t("web.accounts.twoFactor.scan")}</p>
            <img
              src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
              alt={t("web.accounts.twoFactor.qrAlt")}
              width={200}
              height={200}
            />
            <label htmlFor="totp-uri">{t("web.accounts.twoFactor.uriLabel")}</label>
            <input
              id="totp-uri"
              readOnly
              value={enrolment.totpURI}
              data-testid="totp-uri"
              className="monospace"
            />
            <input type="hidden" name="totpURI" value={enrolment.totpURI} />
            <h2>{t("web.accounts.twoFactor.backupHeading")}</h2>
            <p>{t("web.accounts.twoFactor.backupIntro")}</p>
            <ul className="backup-codes monospace" data-testid="backup-codes">
              {enrolment.backupCodes.map((code) => (
                <li key={code}>
                  {code}
                  <input type="hidden" name="backupCode" value={code} />
                </li>
              ))}
            </ul>
            <TextField
              name="code"
              label={t("web.accounts.twoFactor.code")}
              autoComplete="one-time-code"
              required
            />
            <button type="submit" name="intent" value="verify" className="button" disabled={busy}>
              {busy ? t("web.form.submitting") : t("web.accounts.twoFactor.verify")}
            </button>
          </Form>
        ) : (
          <Form method="post" action={formAction} noValidate className="stack">
            <p>{t("web.accounts.twoFactor.intro")}</p>
            <TextField
              name="password"
              type="password"
              label={t("web.accounts.twoFactor.password")}
              autoComplete="current-password"
              required
            />
            <button type="submit" name="intent" value="start" className="button" disabled={busy}>
              {busy ? t("web.form.submitting") : t("web.accounts.twoFactor.start")}
            </button>
          </Form>
        )}
      </section>
      <section className="card" aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">{t("web.accounts.passkeys.heading")}</h2>
        <p>{t("web.accounts.passkeys.intro")}</p>
        {passkeys.length === 0 ? (
          <p className="muted">{t("web.accounts.passkeys.empty")}</p>
        ) : (
          <ul className="stack" data-testid="passkey-list">
            {passkeys.map((key) => (
              <li key={key.id} data-testid="passkey">
                <Form method="post" action={formAction} className="row">
                  <span>
                    <strong>{key.name || t("web.accounts.passkeys.unnamed")}</strong>{" "}
                    {key.createdAt ? (
                      <span className="muted">
                        {t("web.accounts.passkeys.addedOn", {
                          date: formatDate(new Date(key.createdAt)),
                        })}
                      </span>
                    ) : null}
                  </span>
                  <input type="hidden" name="id" value={key.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="passkey-delete"
                    className="button button-secondary"
                  >
                    {t("web.accounts.passkeys.delete")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <div className="stack">
          <label htmlFor="passkey-name">{t("web.accounts.passkeys.name")}</label>
          <input id="passkey-name" maxLength={maxPasskeyName} autoComplete="off" />
          <PasskeyButton
            mode="register"
            label={t("web.accounts.passkeys.add")}
            action={formAction}
            nameInputId="passkey-name"
            className="button"
          />
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container narrow">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
