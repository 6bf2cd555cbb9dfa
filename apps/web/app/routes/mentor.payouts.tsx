import type { PayoutMethodKind } from "@mentora/core/contracts";
import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { isCurrency } from "~/lib/currencies";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireMentor } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { parseMoneyInput } from "~/lib/money";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.mentorPayouts.title");

type Kind = PayoutMethodKind;

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor") || undefined;
    const [balances, method, page, kinds] = await Promise.all([
      input.caller.payouts.balances(),
      input.caller.payouts.getMethod(),
      input.caller.payouts.list({ limit: 25, ...(cursor ? { cursor } : {}) }),
      input.caller.payouts.methodKinds(),
    ]);
    const { config, gateways } = input.ctx.services;
    const stripe = gateways.ids.includes("stripe") ? gateways.get("stripe") : null;
    return {
      balances,
      method: method?.method ?? null,
      /** Stripe Connect: the onboarded account's status (null for a pasted legacy id). */
      account: method?.account ?? null,
      /** PayPal: confirmed from its mailbox (payouts wait for it). */
      verifiedAt: method?.verifiedAt ?? null,
      stripeOnboarding: Boolean(stripe?.capabilities.payoutAccountOnboarding),
      /** Where the mentor comes from: back from Stripe's form, or the PayPal link's outcome. */
      arrival:
        url.searchParams.get("stripe") === "returned"
          ? ("stripe-returned" as const)
          : url.searchParams.get("paypal") === "confirmed"
            ? ("paypal-confirmed" as const)
            : url.searchParams.get("paypal") === "invalid"
              ? ("paypal-invalid" as const)
              : null,
      /** Null, or when payouts to a just-changed method become possible. */
      cooldownUntil:
        method?.cooldownUntil && method.cooldownUntil > new Date() ? method.cooldownUntil : null,
      ...page,
      isFirstPage: !cursor,
      holdHours: config.payouts.earningsHoldHours,
      cooldownHours: config.moneyPaths.payoutMethodCooldownMs / 3_600_000,
      // Stripe is set up on Stripe's own form (the section above), never by pasting an id.
      kinds: kinds.filter((kind) => kind !== "STRIPE_CONNECT"),
    };
  });
}

function methodInputOf(form: FormData) {
  const kind = formText(form, "kind") as Kind;
  switch (kind) {
    case "PAYPAL":
      return { kind, email: formText(form, "email") };
    case "BANK_TRANSFER": {
      const bic = formText(form, "bic");
      return {
        kind,
        iban: formText(form, "iban"),
        accountHolder: formText(form, "accountHolder"),
        ...(bic ? { bic } : {}),
      };
    }
    default:
      return { kind: "SANDBOX" as const, account: formText(form, "account") };
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireMentor(request, input);
    const { caller, ctx } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    if (intent === "method") {
      return attempt(ctx, intent, () => caller.payouts.setMethod(methodInputOf(form)));
    }
    if (intent === "stripe") {
      const started = await attempt(ctx, intent, () => caller.payouts.startOnboarding());
      // Off to Stripe's hosted form (a plain redirect: works without JavaScript).
      if (started.ok && started.result) throw redirect(started.result.url);
      return started;
    }
    if (intent === "paypal-resend") {
      return attempt(ctx, intent, () => caller.payouts.resendEmailConfirmation());
    }
    if (intent === "cancel") {
      const payoutId = formText(form, "payoutId");
      return attempt(ctx, intent, () => caller.payouts.cancel({ payoutId }), payoutId);
    }
    const currency = formText(form, "currency");
    const amountMinor = isCurrency(currency)
      ? parseMoneyInput(formText(form, "amount"), currency)
      : null;
    if (!amountMinor) {
      return formFailure(
        ctx,
        "request",
        translate(ctx.locale, "web.mentorPayouts.badAmount"),
        currency,
      );
    }
    return attempt(
      ctx,
      "request",
      () => caller.payouts.request({ currency, amountMinor }),
      currency,
    );
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Method = LoaderData["method"];

function methodSummary(method: NonNullable<Method>): string {
  switch (method.kind) {
    case "STRIPE_CONNECT":
      return method.accountId;
    case "PAYPAL":
      return method.email;
    case "BANK_TRANSFER":
      return `${method.iban} (${method.accountHolder})`;
    case "SANDBOX":
      return method.account;
  }
}

/** Stripe Connect Express: set up, continue or update on Stripe's hosted form. */
function StripeSection({ method, account }: Pick<LoaderData, "method" | "account">) {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "stripe";
  const failure = result && !result.ok && result.intent === "stripe" ? result : null;
  const isStripe = method?.kind === "STRIPE_CONNECT";
  const status = !isStripe
    ? null
    : !account
      ? t("web.mentorPayouts.stripe.legacy", { account: method.accountId })
      : account.payoutsEnabled
        ? t("web.mentorPayouts.stripe.enabled")
        : account.detailsSubmitted && account.currentlyDue.length === 0
          ? t("web.mentorPayouts.stripe.review")
          : t("web.mentorPayouts.stripe.incomplete");
  const button = !isStripe
    ? t("web.mentorPayouts.stripe.start")
    : account?.payoutsEnabled
      ? t("web.mentorPayouts.stripe.update")
      : t("web.mentorPayouts.stripe.continue");
  return (
    <section className="card" aria-labelledby="payout-stripe-heading">
      <h2 id="payout-stripe-heading">{t("web.mentorPayouts.stripe.heading")}</h2>
      <p>{t("web.mentorPayouts.stripe.intro")}</p>
      {status ? (
        <p>
          <span className="badge" data-testid="stripe-status">
            {status}
          </span>
        </p>
      ) : null}
      {isStripe && account && !account.payoutsEnabled && account.currentlyDue.length > 0 ? (
        <p className="hint" data-testid="stripe-due">
          {t("web.mentorPayouts.stripe.due", { count: account.currentlyDue.length })}
        </p>
      ) : null}
      {method && !isStripe ? <p className="hint">{t("web.mentorPayouts.stripe.other")}</p> : null}
      <ActionAlert failure={failure} />
      <Form method="post">
        <input type="hidden" name="intent" value="stripe" />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("web.form.submitting") : button}
        </button>
      </Form>
    </section>
  );
}

/** PayPal: whether the address is confirmed, and the link sent again on demand. */
function PaypalStatus({ email, verifiedAt }: { email: string; verifiedAt: Date | null }) {
  const t = useT();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok && result.intent === "paypal-resend" ? result : null;
  if (verifiedAt) {
    return (
      <p>
        <span className="badge" data-testid="paypal-status">
          {t("web.mentorPayouts.paypal.confirmed")}
        </span>
      </p>
    );
  }
  return (
    <div className="stack-tight">
      <p className="notice" data-testid="paypal-status">
        {t("web.mentorPayouts.paypal.unconfirmed", { email })}
      </p>
      <ActionAlert failure={failure} />
      <Form method="post">
        <input type="hidden" name="intent" value="paypal-resend" />
        <button type="submit" className="button button-small button-secondary">
          {t("web.mentorPayouts.paypal.resend")}
        </button>
      </Form>
    </div>
  );
}

function MethodForm({
  method,
  verifiedAt,
  kinds: offered,
  cooldownUntil,
  cooldownHours,
}: {
  method: Method;
  verifiedAt: Date | null;
  kinds: readonly Kind[];
  cooldownUntil: Date | null;
  cooldownHours: number;
}) {
  const t = useT();
  const formatDate = useFormatDateTime();
  const result = useActionData<typeof action>();
  const [kind, setKind] = useState<Kind>(
    method && offered.includes(method.kind) ? method.kind : (offered[0] ?? "BANK_TRANSFER"),
  );
  const failure = result && !result.ok && result.intent === "method" ? result : null;
  const value = (field: string) =>
    method && method.kind === kind ? ((method as Record<string, string>)[field] ?? "") : "";
  return (
    <section className="card" aria-labelledby="payout-method-heading">
      <h2 id="payout-method-heading">{t("web.mentorPayouts.methodHeading")}</h2>
      <p>
        {method
          ? t("web.mentorPayouts.methodCurrent", {
              method: `${t(`web.mentorPayouts.kinds.${method.kind}`)} — ${methodSummary(method)}`,
            })
          : t("web.mentorPayouts.methodNone")}
      </p>
      {method?.kind === "PAYPAL" ? (
        <PaypalStatus email={method.email} verifiedAt={verifiedAt ? new Date(verifiedAt) : null} />
      ) : null}
      {cooldownUntil ? (
        <p className="notice" data-testid="payout-cooldown">
          {t("web.mentorPayouts.cooldown", { date: formatDate(new Date(cooldownUntil)) })}
        </p>
      ) : null}
      {method ? (
        <p className="hint">{t("web.mentorPayouts.changeWarning", { hours: cooldownHours })}</p>
      ) : null}
      <Form method="post" className="stack" key={`${kind}-${method?.kind ?? "none"}`}>
        <input type="hidden" name="intent" value="method" />
        <div className="field">
          <label htmlFor="payout-kind">{t("web.mentorPayouts.kind")}</label>
          <select
            id="payout-kind"
            name="kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as Kind)}
          >
            {offered.map((option) => (
              <option key={option} value={option}>
                {t(`web.mentorPayouts.kinds.${option}`)}
              </option>
            ))}
          </select>
          <p className="hint">{t("web.mentorPayouts.kindHint")}</p>
        </div>
        {kind === "PAYPAL" ? (
          <div className="field">
            <label htmlFor="payout-email">{t("web.mentorPayouts.paypalEmail")}</label>
            <input
              id="payout-email"
              name="email"
              type="email"
              required
              defaultValue={value("email")}
            />
          </div>
        ) : null}
        {kind === "BANK_TRANSFER" ? (
          <>
            <div className="field">
              <label htmlFor="payout-iban">{t("web.mentorPayouts.iban")}</label>
              <input id="payout-iban" name="iban" required defaultValue={value("iban")} />
            </div>
            <div className="field">
              <label htmlFor="payout-holder">{t("web.mentorPayouts.accountHolder")}</label>
              <input
                id="payout-holder"
                name="accountHolder"
                required
                defaultValue={value("accountHolder")}
              />
            </div>
            <div className="field">
              <label htmlFor="payout-bic">{t("web.mentorPayouts.bic")}</label>
              <input id="payout-bic" name="bic" defaultValue={value("bic")} />
            </div>
          </>
        ) : null}
        {kind === "SANDBOX" ? (
          <div className="field">
            <label htmlFor="payout-sandbox">{t("web.mentorPayouts.sandboxAccount")}</label>
            <p id="payout-sandbox-hint" className="hint">
              {t("web.mentorPayouts.sandboxHint")}
            </p>
            <input
              id="payout-sandbox"
              name="account"
              required
              aria-describedby="payout-sandbox-hint"
              defaultValue={value("account")}
            />
          </div>
        ) : null}
        <ActionAlert failure={failure} />
        <div>
          <button type="submit" className="button">
            {t("web.mentorPayouts.saveMethod")}
          </button>
        </div>
      </Form>
    </section>
  );
}

type Balance = ReturnType<typeof useLoaderData<typeof loader>>["balances"][number];

function RequestForm({ balance }: { balance: Balance }) {
  const t = useT();
  const formatAmount = useFormatAmount();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy =
    navigation.state !== "idle" && navigation.formData?.get("currency") === balance.currency;
  const failure =
    result && !result.ok && result.intent === "request" && result.target === balance.currency
      ? result
      : null;
  const id = `payout-amount-${balance.currency}`;
  return (
    <Form method="post" className="stack-tight">
      <input type="hidden" name="intent" value="request" />
      <input type="hidden" name="currency" value={balance.currency} />
      <div className="field">
        <label htmlFor={id}>{t("web.mentorPayouts.amount", { currency: balance.currency })}</label>
        <p id={`${id}-hint`} className="hint">
          {t("web.mentorPayouts.amountHint", {
            amount: formatAmount(balance.availableMinor, balance.currency),
            minimum: formatAmount(balance.minimumPayoutMinor, balance.currency),
          })}
        </p>
        <input id={id} name="amount" inputMode="decimal" required aria-describedby={`${id}-hint`} />
      </div>
      <ActionAlert failure={failure} />
      <div>
        <button type="submit" className="button button-small" disabled={busy}>
          {busy ? t("web.form.submitting") : t("web.mentorPayouts.request")}
        </button>
      </div>
    </Form>
  );
}

export default function MentorPayouts() {
  const t = useT();
  const formatAmount = useFormatAmount();
  const formatDate = useFormatDateTime();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const arrivals = {
    "stripe-returned": t("web.mentorPayouts.stripe.returned"),
    "paypal-confirmed": t("web.mentorPayouts.paypal.confirmedNotice"),
    "paypal-invalid": t("web.mentorPayouts.paypal.invalid"),
  };
  const notice = result?.ok
    ? result.intent === "method"
      ? t("web.mentorPayouts.methodSaved")
      : result.intent === "cancel"
        ? t("web.mentorPayouts.cancelled")
        : result.intent === "paypal-resend"
          ? t("web.mentorPayouts.paypal.resent", {
              email: (result.result as { sentTo: string }).sentTo,
            })
          : t("web.mentorPayouts.requested")
    : data.arrival
      ? arrivals[data.arrival]
      : null;
  const cancelFailure = result && !result.ok && result.intent === "cancel" ? result : null;
  return (
    <>
      <h1>{t("web.mentorPayouts.heading")}</h1>
      <p className="lead">{t("web.mentorPayouts.intro", { hours: data.holdHours })}</p>
      <StatusNotice message={notice} />

      <section className="card" aria-labelledby="payout-balances-heading">
        <h2 id="payout-balances-heading">{t("web.mentorPayouts.balances")}</h2>
        {data.balances.length === 0 ? (
          <p>{t("web.mentorPayouts.noEarnings")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="payout-balances">
              <thead>
                <tr>
                  <th scope="col">{t("web.mentorPayouts.currency")}</th>
                  <th scope="col">{t("web.mentorPayouts.pending")}</th>
                  <th scope="col">{t("web.mentorPayouts.available")}</th>
                  <th scope="col">{t("web.mentorPayouts.reserved")}</th>
                  <th scope="col">{t("web.mentorPayouts.frozen")}</th>
                  <th scope="col">{t("web.mentorPayouts.owed")}</th>
                  <th scope="col">{t("web.mentorPayouts.requestHeading")}</th>
                </tr>
              </thead>
              <tbody>
                {data.balances.map((balance) => (
                  <tr key={balance.currency}>
                    <td>{balance.currency}</td>
                    <td>{formatAmount(balance.pendingMinor, balance.currency)}</td>
                    <td>{formatAmount(balance.availableMinor, balance.currency)}</td>
                    <td>{formatAmount(balance.reservedMinor, balance.currency)}</td>
                    <td data-testid="payout-frozen">
                      {formatAmount(balance.frozenMinor, balance.currency)}
                    </td>
                    <td data-testid="payout-owed">
                      {formatAmount(balance.owedMinor, balance.currency)}
                    </td>
                    <td>
                      {data.method && balance.availableMinor > 0 ? (
                        <RequestForm balance={balance} />
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {data.stripeOnboarding ? <StripeSection method={data.method} account={data.account} /> : null}

      <MethodForm
        method={data.method}
        verifiedAt={data.verifiedAt}
        kinds={data.kinds}
        cooldownUntil={data.cooldownUntil}
        cooldownHours={data.cooldownHours}
      />

      <section aria-labelledby="payout-list-heading">
        <h2 id="payout-list-heading">{t("web.mentorPayouts.listHeading")}</h2>
        <ActionAlert failure={cancelFailure} />
        {data.items.length === 0 ? (
          <p className="card">{t("web.mentorPayouts.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="my-payouts">
              <thead>
                <tr>
                  <th scope="col">{t("web.mentorPayouts.date")}</th>
                  <th scope="col">{t("web.adminPayments.amount")}</th>
                  <th scope="col">{t("web.mentorPayouts.destination")}</th>
                  <th scope="col">{t("web.mentorPayouts.status")}</th>
                  <th scope="col">{t("web.adminPayments.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((payout) => (
                  <tr key={payout.id} data-payout-id={payout.id}>
                    <td>
                      <time dateTime={new Date(payout.createdAt).toISOString()}>
                        {formatDate(new Date(payout.createdAt))}
                      </time>
                    </td>
                    <td>{formatAmount(payout.amountMinor, payout.currency)}</td>
                    <td>
                      {t(`web.mentorPayouts.kinds.${payout.method}`)}
                      <span className="muted small block">{payout.destination}</span>
                    </td>
                    <td>
                      <span className="badge">
                        {t(`web.mentorPayouts.statuses.${payout.status}`)}
                      </span>
                      {payout.lastFailure && payout.status === "REQUESTED" ? (
                        <span className="muted small block">
                          {t("web.mentorPayouts.lastFailure", { reason: payout.lastFailure })}
                        </span>
                      ) : null}
                      {payout.rejectionReason ? (
                        <span className="muted small block">
                          {t("web.mentorPayouts.rejected", { reason: payout.rejectionReason })}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {payout.statement ? (
                        <a href={payout.statement.url} data-testid="statement-link">
                          {t("web.mentorPayouts.statement", { number: payout.statement.number })}
                        </a>
                      ) : null}
                      {payout.status === "REQUESTED" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="cancel" />
                          <input type="hidden" name="payoutId" value={payout.id} />
                          <button
                            type="submit"
                            className="button button-small button-secondary"
                            aria-label={t("web.mentorPayouts.cancelLabel", {
                              amount: formatAmount(payout.amountMinor, payout.currency),
                            })}
                          >
                            {t("web.mentorPayouts.cancel")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label={t("web.admin.pagination")}>
          {data.isFirstPage ? null : <a href="/mentor/payouts">{t("web.admin.firstPage")}</a>}
          {data.nextCursor ? (
            <a
              href={`/mentor/payouts?cursor=${encodeURIComponent(data.nextCursor)}`}
              className="button button-secondary"
            >
              {t("web.admin.nextPage")}
            </a>
          ) : null}
        </nav>
      </section>
    </>
  );
}
