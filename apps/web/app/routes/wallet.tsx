import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirectDocument } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { ActionAlert } from "~/components/action-alert";
import { ErrorPage } from "~/components/error-page";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { Select } from "~/components/ui/select";
import { Table, TableHead } from "~/components/ui/table";
import { currencies, isCurrency } from "~/lib/currencies";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireSession } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { currencyDigits, decimalStringToMinor } from "~/lib/money";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.wallet.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const cursor = new URL(request.url).searchParams.get("cursor") || undefined;
    const wallet = await input.caller.wallet.get({ limit: 20, ...(cursor ? { cursor } : {}) });
    return { ...wallet, isFirstPage: !cursor };
  });
}

/** A top-up: the amount in major units of the currency (string math), then the provider's page. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const form = await request.formData();
    const currency = formText(form, "currency");
    const amount = formText(form, "amount");
    const amountMinor = isCurrency(currency) ? decimalStringToMinor(amount, currency) : null;
    if (!isCurrency(currency) || amountMinor === null || amountMinor <= 0) {
      return formFailure(
        input.ctx,
        "topUp",
        translate(input.ctx.locale, "web.wallet.badAmount", {
          digits: isCurrency(currency) ? currencyDigits(currency) : 2,
        }),
      );
    }
    const result = await attempt(input.ctx, "topUp", () =>
      input.caller.payments.startTopUp({ amountMinor, currency }),
    );
    if (result.ok && result.result) throw redirectDocument(result.result.redirectUrl);
    return result;
  });
}

export default function WalletPage() {
  const t = useT();
  const formatAmount = useFormatAmount();
  const formatDate = useFormatDateTime();
  const { balances, history, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.has("amount") === true;

  return (
    <div className="container">
      <h1>{t("web.wallet.heading")}</h1>
      <Card asChild className="mb-6">
        <section aria-labelledby="balances-heading">
          <h2 id="balances-heading">{t("web.wallet.balances")}</h2>
          {balances.length === 0 ? (
            <p className="muted">{t("web.wallet.empty")}</p>
          ) : (
            <Table data-testid="wallet-balances" label={t("web.wallet.balances")}>
              <thead>
                <tr>
                  <TableHead>{t("web.wallet.currency")}</TableHead>
                  <TableHead>{t("web.wallet.available")}</TableHead>
                  <TableHead>{t("web.wallet.reserved")}</TableHead>
                </tr>
              </thead>
              <tbody>
                {balances.map((balance) => (
                  <tr key={balance.currency} data-testid={`balance-${balance.currency}`}>
                    <th scope="row">{balance.currency}</th>
                    <td data-testid="balance-available">
                      {formatAmount(balance.availableMinor, balance.currency)}
                    </td>
                    <td>{formatAmount(balance.reservedMinor, balance.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
      </Card>

      <Card asChild className="mb-6">
        <section aria-labelledby="top-up-heading">
          <h2 id="top-up-heading">{t("web.wallet.topUp")}</h2>
          <Form method="post" className="stack">
            <div className="grid gap-4 sm:grid-cols-[12rem_8rem]">
              <div>
                <Label htmlFor="top-up-amount">{t("web.wallet.amount")}</Label>
                <Input
                  id="top-up-amount"
                  name="amount"
                  inputMode="decimal"
                  autoComplete="off"
                  required
                  aria-describedby="top-up-hint"
                />
              </div>
              <div>
                <Label htmlFor="top-up-currency">{t("web.wallet.currency")}</Label>
                <Select id="top-up-currency" name="currency" defaultValue="EUR">
                  {currencies.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </Select>
              </div>
            </div>
            <p id="top-up-hint" className="text-sm text-muted">
              {t("web.wallet.amountHint")}
            </p>
            <ActionAlert failure={failure && !failure.ok ? failure : null} />
            <div>
              <Button type="submit" disabled={busy}>
                {busy ? t("web.form.submitting") : t("web.wallet.topUpButton")}
              </Button>
            </div>
          </Form>
        </section>
      </Card>

      <Card asChild className="mb-6">
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{t("web.wallet.history")}</h2>
          {history.length === 0 ? (
            <p className="muted">{t("web.wallet.noHistory")}</p>
          ) : (
            <Table data-testid="wallet-history" label={t("web.wallet.history")}>
              <thead>
                <tr>
                  <TableHead>{t("web.wallet.date")}</TableHead>
                  <TableHead>{t("web.wallet.movement")}</TableHead>
                  <TableHead>{t("web.wallet.amount")}</TableHead>
                  <TableHead>{t("web.wallet.payment")}</TableHead>
                </tr>
              </thead>
              <tbody>
                {history.map((entry) => (
                  <tr key={entry.id} data-testid="wallet-entry" data-kind={entry.kind}>
                    <td>
                      <time dateTime={new Date(entry.createdAt).toISOString()}>
                        {formatDate(new Date(entry.createdAt))}
                      </time>
                    </td>
                    <td>{t(`web.wallet.kind.${entry.kind}`)}</td>
                    <td className={entry.amountMinor < 0 ? "amount-out" : "amount-in"}>
                      {formatAmount(entry.amountMinor, entry.currency)}
                    </td>
                    <td>
                      {entry.paymentId ? (
                        <Link to={`/payments/${entry.paymentId}`}>
                          {t("web.wallet.viewPayment")}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <nav
            className="mt-4 flex flex-wrap items-center gap-4"
            aria-label={t("web.wallet.pagination")}
          >
            {isFirstPage ? null : <Link to="/wallet">{t("web.admin.firstPage")}</Link>}
            {nextCursor ? (
              <Button asChild variant="secondary">
                <Link to={`/wallet?cursor=${encodeURIComponent(nextCursor)}`}>
                  {t("web.admin.nextPage")}
                </Link>
              </Button>
            ) : null}
          </nav>
        </section>
      </Card>
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
