import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { PaymentStatusBadge } from "~/components/payment-bits";
import { requireSession } from "~/lib/guards.server";
import { useDateFormats, useFormatAmount, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.payment.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const payment = await input.caller.payments.get({ paymentId: params.id ?? "" });
    const replayed = new URL(request.url).searchParams.get("return") === "replayed";
    return { payment, replayed };
  });
}

type Payment = Awaited<ReturnType<typeof loader>>["payment"];

function useStatusMessage(payment: Payment): string {
  const t = useT();
  const formatAmount = useFormatAmount();
  switch (payment.status) {
    case "PENDING":
      return t("web.payment.message.PENDING");
    case "SUCCEEDED":
      return payment.purpose === "TOP_UP"
        ? t("web.payment.message.toppedUp", {
            amount: formatAmount(payment.amountMinor, payment.currency),
          })
        : t("web.payment.message.bookingPaid");
    default:
      return t(`web.payment.message.${payment.status}`);
  }
}

export default function PaymentStatusPage() {
  const t = useT();
  const formats = useDateFormats();
  const formatAmount = useFormatAmount();
  const { payment, replayed } = useLoaderData<typeof loader>();
  // The webhook or the return settles it on the server (any process): the stream says when,
  // and the loader reads it again. No polling.
  useRevalidateOn(["payment"], payment.id);
  const message = useStatusMessage(payment);
  const closed = payment.status !== "PENDING" && payment.status !== "SUCCEEDED";
  const booking = payment.booking;
  const retryTo = booking ? `/bookings/${booking.id}` : "/wallet";
  const canRetry = closed && (!booking || booking.status === "PENDING_PAYMENT");

  return (
    <div className="container narrow-wide">
      <article className="card stack" aria-labelledby="payment-heading">
        <h1 id="payment-heading">
          {payment.purpose === "TOP_UP"
            ? t("web.payment.topUpHeading")
            : t("web.payment.bookingHeading")}
        </h1>
        {replayed ? <p className="notice">{t("web.payment.replayedNotice")}</p> : null}
        <p>
          <PaymentStatusBadge status={payment.status} />
        </p>
        {/* Announces every change of status to screen readers, once. */}
        <p
          role="status"
          aria-live="polite"
          aria-atomic="true"
          className={
            payment.status === "SUCCEEDED"
              ? "alert alert-success"
              : closed
                ? "alert alert-error"
                : "alert alert-info"
          }
          data-testid="payment-message"
        >
          {message}
        </p>
        <dl className="details">
          {booking ? (
            <div>
              <dt>{t("web.payment.session")}</dt>
              <dd>
                {booking.offeringTitle} · {booking.mentorName}
                <span className="muted small block">
                  <time dateTime={new Date(booking.startsAt).toISOString()}>
                    {formats.dateTime(new Date(booking.startsAt))}
                  </time>
                </span>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t("web.payment.total")}</dt>
            <dd data-testid="payment-total">
              {formatAmount(payment.amountMinor, payment.currency)}
            </dd>
          </div>
          {payment.walletAmountMinor > 0 ? (
            <div>
              <dt>{t("web.payment.fromWallet")}</dt>
              <dd>{formatAmount(payment.walletAmountMinor, payment.currency)}</dd>
            </div>
          ) : null}
          {payment.gatewayAmountMinor > 0 ? (
            <div>
              <dt>{t("web.payment.byCard")}</dt>
              <dd>{formatAmount(payment.gatewayAmountMinor, payment.currency)}</dd>
            </div>
          ) : null}
          {payment.status === "PENDING" ? (
            <div>
              <dt>{t("web.payment.expiresAt")}</dt>
              <dd>
                <time dateTime={new Date(payment.expiresAt).toISOString()}>
                  {formats.time(new Date(payment.expiresAt))}
                </time>
              </dd>
            </div>
          ) : null}
          {payment.refundedMinor > 0 ? (
            <div>
              <dt>{t("web.payment.refunded")}</dt>
              <dd>{formatAmount(payment.refundedMinor, payment.currency)}</dd>
            </div>
          ) : null}
        </dl>
        <p className="actions">
          {payment.status === "PENDING" && payment.checkoutUrl ? (
            <a href={payment.checkoutUrl} className="button">
              {t("web.payment.continue")}
            </a>
          ) : null}
          {payment.status === "SUCCEEDED" && booking ? (
            <Link to={`/bookings/${booking.id}`} className="button">
              {t("web.payment.viewBooking")}
            </Link>
          ) : null}
          {payment.status === "SUCCEEDED" && !booking ? (
            <Link to="/wallet" className="button">
              {t("web.payment.viewWallet")}
            </Link>
          ) : null}
          {canRetry ? (
            <Link to={retryTo} className="button">
              {t("web.payment.tryAgain")}
            </Link>
          ) : null}
          <Link to="/receipts" className="button button-secondary">
            {t("web.payment.allReceipts")}
          </Link>
        </p>
      </article>
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
