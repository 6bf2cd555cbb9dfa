import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { InvoiceLinks } from "~/components/invoice-links";
import { requireSession } from "~/lib/guards.server";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.receipts.title");

/** The signed-in user's succeeded payments, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const cursor = new URL(request.url).searchParams.get("cursor") || undefined;
    const page = await input.caller.payments.listReceipts({
      limit: 20,
      ...(cursor ? { cursor } : {}),
    });
    const documents = await input.caller.invoices.listMine({
      paymentIds: page.items.map((payment) => payment.id),
    });
    return { ...page, documents, isFirstPage: !cursor };
  });
}

export default function ReceiptsPage() {
  const t = useT();
  const formatAmount = useFormatAmount();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, isFirstPage, documents } = useLoaderData<typeof loader>();
  const documentsOf = (paymentId: string) =>
    documents.find((entry) => entry.paymentId === paymentId);
  return (
    <div className="container">
      <h1>{t("web.receipts.heading")}</h1>
      {items.length === 0 ? (
        <p className="card">{t("web.receipts.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="receipts">
            <thead>
              <tr>
                <th scope="col">{t("web.receipts.date")}</th>
                <th scope="col">{t("web.receipts.what")}</th>
                <th scope="col">{t("web.receipts.amount")}</th>
                <th scope="col">{t("web.receipts.split")}</th>
                <th scope="col">{t("web.receipts.refunds")}</th>
                <th scope="col">{t("web.receipts.invoice")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((payment) => (
                <tr key={payment.id} data-testid="receipt">
                  <td>
                    <time dateTime={new Date(payment.createdAt).toISOString()}>
                      {formatDate(new Date(payment.createdAt))}
                    </time>
                  </td>
                  <td>
                    {payment.booking ? (
                      <>
                        <Link to={`/bookings/${payment.booking.id}`}>
                          {payment.booking.offeringTitle}
                        </Link>
                        <span className="muted small block">
                          {t("web.bookings.with", { name: payment.booking.mentorName })}
                        </span>
                      </>
                    ) : (
                      t("web.receipts.topUp")
                    )}
                  </td>
                  <td>
                    <Link to={`/payments/${payment.id}`}>
                      {formatAmount(payment.amountMinor, payment.currency)}
                    </Link>
                  </td>
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
                    {payment.refunds.length === 0 ? (
                      "—"
                    ) : (
                      <ul className="plain-list small">
                        {payment.refunds.map((refund) => (
                          <li key={refund.id}>
                            {formatAmount(refund.amountMinor, payment.currency)} ·{" "}
                            {t(`web.receipts.refundStatus.${refund.status}`)} ·{" "}
                            {t(`web.receipts.refundTo.${refund.destination}`)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-testid="invoice-slot" data-payment-id={payment.id}>
                    <InvoiceLinks documents={documentsOf(payment.id)} isTopUp={!payment.booking} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("web.receipts.pagination")}>
        {isFirstPage ? null : <Link to="/receipts">{t("web.admin.firstPage")}</Link>}
        {nextCursor ? (
          <Link
            to={`/receipts?cursor=${encodeURIComponent(nextCursor)}`}
            className="button button-secondary"
          >
            {t("web.admin.nextPage")}
          </Link>
        ) : null}
      </nav>
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
