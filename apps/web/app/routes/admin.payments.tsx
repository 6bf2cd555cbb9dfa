import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { InvoiceLinks } from "~/components/invoice-links";
import { PaymentStatusBadge } from "~/components/payment-bits";
import {
  filterQuery,
  type PaymentFilterValues,
  parsePaymentFilters,
} from "~/lib/admin-payments.server";
import { currencies, isCurrency } from "~/lib/currencies";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { decimalStringToMinor, minorToDecimalString } from "~/lib/money";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminPayments.title");

const statuses = ["PENDING", "SUCCEEDED", "FAILED", "EXPIRED", "CANCELLED"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const url = new URL(request.url);
    const { values, filters, problems } = parsePaymentFilters(url.searchParams);
    const cursor = url.searchParams.get("cursor") || undefined;
    const page =
      problems.length > 0
        ? { items: [], nextCursor: null }
        : await input.caller.admin.payments.list({
            ...filters,
            limit: 25,
            ...(cursor ? { cursor } : {}),
          });
    const documents =
      page.items.length > 0
        ? await input.caller.invoices.adminListByPayment({
            paymentIds: page.items.map((item) => item.id),
          })
        : [];
    return {
      documents,
      values,
      problems,
      query: filterQuery(values),
      isFirstPage: !cursor,
      providers: [...input.ctx.services.gateways.ids],
      // One key per row and page load: a double submit of the same form refunds once.
      items: page.items.map((item) => ({ ...item, requestKey: crypto.randomUUID() })),
      nextCursor: page.nextCursor,
    };
  });
}

/** A refund of part or all of a payment, with a reason; the money leaves by the refund job. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const form = await request.formData();
    const paymentId = formText(form, "paymentId");
    const currency = formText(form, "currency");
    const amount = formText(form, "amount");
    const reason = formText(form, "reason");
    const destination = formText(form, "destination");
    const requestKey = formText(form, "requestKey");
    const amountMinor =
      amount && isCurrency(currency) ? decimalStringToMinor(amount, currency) : undefined;
    if (amountMinor === null || amountMinor === 0 || (amount && !isCurrency(currency))) {
      return formFailure(
        input.ctx,
        "refund",
        translate(input.ctx.locale, "web.adminPayments.badAmount"),
        paymentId,
      );
    }
    if (!reason) {
      return formFailure(
        input.ctx,
        "refund",
        translate(input.ctx.locale, "web.adminPayments.reasonRequired"),
        paymentId,
      );
    }
    return attempt(
      input.ctx,
      "refund",
      () =>
        input.caller.admin.payments.refund({
          paymentId,
          reason,
          requestKey,
          ...(amountMinor ? { amountMinor } : {}),
          ...(destination === "ORIGINAL" || destination === "WALLET" ? { destination } : {}),
        }),
      paymentId,
    );
  });
}

function Filters({ values, providers }: { values: PaymentFilterValues; providers: string[] }) {
  const t = useT();
  return (
    <Form method="get" className="card filters" aria-labelledby="payment-filters-heading">
      <h2 id="payment-filters-heading" className="h3">
        {t("web.adminPayments.filters")}
      </h2>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="filter-status">{t("web.adminPayments.status")}</label>
          <select id="filter-status" name="status" defaultValue={values.status}>
            <option value="">{t("web.adminPayments.any")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`web.payment.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-provider">{t("web.adminPayments.provider")}</label>
          <select id="filter-provider" name="provider" defaultValue={values.provider}>
            <option value="">{t("web.adminPayments.any")}</option>
            {providers.map((provider) => (
              <option key={provider} value={provider}>
                {provider}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">{t("web.adminPayments.from")}</label>
          <input id="filter-from" name="from" type="date" defaultValue={values.from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("web.adminPayments.to")}</label>
          <input id="filter-to" name="to" type="date" defaultValue={values.to} />
        </div>
        <div className="field">
          <label htmlFor="filter-user">{t("web.adminPayments.user")}</label>
          <input id="filter-user" name="user" type="search" defaultValue={values.user} />
        </div>
        <div className="field">
          <label htmlFor="filter-currency">{t("web.adminPayments.currency")}</label>
          <select id="filter-currency" name="currency" defaultValue={values.currency}>
            <option value="">{t("web.adminPayments.any")}</option>
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-min">{t("web.adminPayments.minAmount")}</label>
          <input id="filter-min" name="min" inputMode="decimal" defaultValue={values.min} />
        </div>
        <div className="field">
          <label htmlFor="filter-max">{t("web.adminPayments.maxAmount")}</label>
          <input id="filter-max" name="max" inputMode="decimal" defaultValue={values.max} />
        </div>
      </div>
      <p className="hint">{t("web.adminPayments.filtersHint")}</p>
      <div className="form-footer">
        <button type="submit" className="button button-small">
          {t("web.adminPayments.apply")}
        </button>
        <Link to="/admin/payments">{t("web.adminPayments.reset")}</Link>
      </div>
    </Form>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function RefundForm({ payment }: { payment: Row }) {
  const t = useT();
  const formatAmount = useFormatAmount();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("paymentId") === payment.id;
  const failure = result && !result.ok && result.target === payment.id ? result : null;
  const left = payment.amountMinor - payment.refundedMinor;
  const id = (name: string) => `refund-${name}-${payment.id}`;
  return (
    <details open={failure ? true : undefined}>
      <summary>{t("web.adminPayments.refund")}</summary>
      <Form method="post" className="stack-tight">
        <input type="hidden" name="paymentId" value={payment.id} />
        <input type="hidden" name="currency" value={payment.currency} />
        <input type="hidden" name="requestKey" value={payment.requestKey} />
        <div className="field">
          <label htmlFor={id("amount")}>
            {t("web.adminPayments.refundAmount", { currency: payment.currency })}
          </label>
          <input
            id={id("amount")}
            name="amount"
            inputMode="decimal"
            placeholder={minorToDecimalString(left, payment.currency)}
            aria-describedby={id("hint")}
          />
          <p id={id("hint")} className="hint">
            {t("web.adminPayments.refundAmountHint", {
              amount: formatAmount(left, payment.currency),
            })}
          </p>
        </div>
        <div className="field">
          <label htmlFor={id("reason")}>{t("web.adminPayments.reason")}</label>
          <input id={id("reason")} name="reason" required maxLength={500} />
        </div>
        <div className="field">
          <label htmlFor={id("destination")}>{t("web.adminPayments.destination")}</label>
          <select id={id("destination")} name="destination" defaultValue="">
            <option value="">{t("web.adminPayments.destinationDefault")}</option>
            <option value="ORIGINAL">{t("web.receipts.refundTo.ORIGINAL")}</option>
            <option value="WALLET">{t("web.receipts.refundTo.WALLET")}</option>
          </select>
        </div>
        <ActionAlert failure={failure} />
        <div>
          <button type="submit" className="button button-small button-danger" disabled={busy}>
            {busy ? t("web.form.submitting") : t("web.adminPayments.confirmRefund")}
          </button>
        </div>
      </Form>
    </details>
  );
}

export default function AdminPayments() {
  const t = useT();
  const formatAmount = useFormatAmount();
  const formatDate = useFormatDateTime();
  const { values, problems, query, isFirstPage, providers, items, nextCursor, documents } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const withCursor = (cursor: string) =>
    `/admin/payments${query ? `${query}&` : "?"}cursor=${encodeURIComponent(cursor)}`;
  return (
    <>
      <h1>{t("web.adminPayments.heading")}</h1>
      <Filters values={values} providers={providers} />
      {problems.map((problem) => (
        <p key={problem} className="alert alert-error" role="alert">
          {t(`web.adminPayments.problems.${problem}`)}
        </p>
      ))}
      <StatusNotice
        message={result?.ok && result.intent === "refund" ? t("web.adminPayments.refunded") : null}
      />
      <p className="actions">
        <a href={`/admin/payments.csv${query}`} className="button button-secondary" download>
          {t("web.adminPayments.exportCsv")}
        </a>
      </p>
      {items.length === 0 ? (
        <p className="card">{t("web.adminPayments.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="admin-payments">
            <thead>
              <tr>
                <th scope="col">{t("web.adminPayments.date")}</th>
                <th scope="col">{t("web.adminPayments.payer")}</th>
                <th scope="col">{t("web.adminPayments.what")}</th>
                <th scope="col">{t("web.adminPayments.status")}</th>
                <th scope="col">{t("web.adminPayments.provider")}</th>
                <th scope="col">{t("web.adminPayments.amount")}</th>
                <th scope="col">{t("web.adminPayments.split")}</th>
                <th scope="col">{t("web.adminPayments.refundedColumn")}</th>
                <th scope="col">{t("web.adminPayments.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((payment) => (
                <tr key={payment.id} data-testid="admin-payment" data-payment-id={payment.id}>
                  <td>
                    <time dateTime={new Date(payment.createdAt).toISOString()}>
                      {formatDate(new Date(payment.createdAt))}
                    </time>
                  </td>
                  <td>
                    {payment.userName}
                    <span className="muted small block">{payment.userEmail}</span>
                  </td>
                  <td>
                    {payment.bookingId ? (
                      <Link to={`/bookings/${payment.bookingId}`}>
                        {t("web.adminPayments.purpose.BOOKING")}
                      </Link>
                    ) : (
                      t("web.adminPayments.purpose.TOP_UP")
                    )}
                    {payment.bookingId && payment.status === "SUCCEEDED" ? (
                      <InvoiceLinks
                        documents={documents.find((entry) => entry.paymentId === payment.id)}
                        isTopUp={false}
                      />
                    ) : null}
                  </td>
                  <td>
                    <PaymentStatusBadge status={payment.status} />
                    {payment.failureReason ? (
                      <span className="muted small block">{payment.failureReason}</span>
                    ) : null}
                  </td>
                  <td>{payment.provider ?? "—"}</td>
                  <td>{formatAmount(payment.amountMinor, payment.currency)}</td>
                  <td>
                    <span className="block small">
                      {t("web.receipts.walletPart", {
                        amount: formatAmount(payment.walletAmountMinor, payment.currency),
                      })}
                    </span>
                    <span className="block small">
                      {t("web.receipts.cardPart", {
                        amount: formatAmount(payment.gatewayAmountMinor, payment.currency),
                      })}
                    </span>
                  </td>
                  <td>
                    {payment.refundedMinor > 0
                      ? formatAmount(payment.refundedMinor, payment.currency)
                      : "—"}
                  </td>
                  <td>
                    {payment.status === "SUCCEEDED" &&
                    payment.refundedMinor < payment.amountMinor ? (
                      <RefundForm payment={payment} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("web.admin.pagination")}>
        {isFirstPage ? null : (
          <Link to={`/admin/payments${query}`}>{t("web.admin.firstPage")}</Link>
        )}
        {nextCursor ? (
          <Link to={withCursor(nextCursor)} className="button button-secondary">
            {t("web.admin.nextPage")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
