import { paymentStatuses } from "@mentora/core/contracts";
import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { CsvButton } from "~/components/admin/csv-button";
import { type Column, DataTable } from "~/components/admin/data-table";
import {
  type FilterField,
  FilterForm,
  periodAndAmountFields,
} from "~/components/admin/filter-form";
import { Pager } from "~/components/admin/pager";
import { InvoiceLinks } from "~/components/invoice-links";
import { PaymentStatusBadge } from "~/components/payment-bits";
import { filterQuery, parsePaymentFilters } from "~/lib/admin-payments.server";
import { isCurrency } from "~/lib/currencies";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { decimalStringToMinor, minorToDecimalString } from "~/lib/money";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminPayments.title");

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

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function RefundForm({ payment }: { payment: Row }) {
  const t = useT();
  const formatAmount = useFormatAmount();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("paymentId") === payment.id;
  const failure = result && !result.ok && result.target === payment.id ? result : null;
  const left = payment.refundableMinor;
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
  const fields: FilterField[] = [
    {
      kind: "select",
      name: "status",
      label: t("web.adminPayments.status"),
      options: paymentStatuses.map((status) => ({
        value: status,
        label: t(`web.payment.status.${status}`),
      })),
    },
    {
      kind: "select",
      name: "provider",
      label: t("web.adminPayments.provider"),
      options: providers.map((provider) => ({ value: provider, label: provider })),
    },
    { kind: "search", name: "user", label: t("web.adminPayments.user") },
    ...periodAndAmountFields(t),
  ];
  const columns: Column<Row>[] = [
    {
      id: "date",
      header: t("web.adminPayments.date"),
      sortValue: (payment) => new Date(payment.createdAt),
      cell: (payment) => (
        <time dateTime={new Date(payment.createdAt).toISOString()}>
          {formatDate(new Date(payment.createdAt))}
        </time>
      ),
    },
    {
      id: "payer",
      header: t("web.adminPayments.payer"),
      sortValue: (payment) => payment.userName,
      cell: (payment) => (
        <>
          {payment.userName}
          <span className="muted small block">{payment.userEmail}</span>
        </>
      ),
    },
    {
      id: "what",
      header: t("web.adminPayments.what"),
      cell: (payment) => (
        <>
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
        </>
      ),
    },
    {
      id: "status",
      header: t("web.adminPayments.status"),
      sortValue: (payment) => payment.status,
      cell: (payment) => (
        <>
          <PaymentStatusBadge status={payment.status} />
          {payment.failureReason ? (
            <span className="muted small block">{payment.failureReason}</span>
          ) : null}
        </>
      ),
    },
    {
      id: "provider",
      header: t("web.adminPayments.provider"),
      sortValue: (payment) => payment.provider,
      cell: (payment) => payment.provider ?? "—",
    },
    {
      id: "amount",
      header: t("web.adminPayments.amount"),
      // Amounts of different currencies do not compare: currency first, then the amount.
      sortValue: (payment) =>
        `${payment.currency}:${String(payment.amountMinor).padStart(16, "0")}`,
      cell: (payment) => formatAmount(payment.amountMinor, payment.currency),
    },
    {
      id: "split",
      header: t("web.adminPayments.split"),
      cell: (payment) => (
        <>
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
        </>
      ),
    },
    {
      id: "refunded",
      header: t("web.adminPayments.refundedColumn"),
      cell: (payment) =>
        payment.refundedMinor > 0 ? formatAmount(payment.refundedMinor, payment.currency) : "—",
    },
    {
      id: "actions",
      header: t("web.adminPayments.actions"),
      cell: (payment) => (payment.refundableMinor > 0 ? <RefundForm payment={payment} /> : null),
    },
  ];
  return (
    <>
      <h1>{t("web.adminPayments.heading")}</h1>
      <FilterForm
        path="/admin/payments"
        fields={fields}
        values={values}
        hint={t("web.adminPayments.filtersHint")}
      />
      {problems.map((problem) => (
        <p key={problem} className="alert alert-error" role="alert">
          {t(`web.adminPayments.problems.${problem}`)}
        </p>
      ))}
      <StatusNotice
        message={result?.ok && result.intent === "refund" ? t("web.adminPayments.refunded") : null}
      />
      <CsvButton href={`/admin/payments.csv${query}`} label={t("web.adminPayments.exportCsv")} />
      <DataTable
        caption={t("web.adminPayments.heading")}
        columns={columns}
        rows={items}
        rowKey={(payment) => payment.id}
        rowProps={(payment) => ({ "data-testid": "admin-payment", "data-payment-id": payment.id })}
        empty={<p className="card">{t("web.adminPayments.empty")}</p>}
        testId="admin-payments"
      />
      <Pager
        path="/admin/payments"
        query={query}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
      />
    </>
  );
}
