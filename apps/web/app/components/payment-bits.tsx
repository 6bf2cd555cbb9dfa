import { Form, useNavigation } from "@remix-run/react";
import { ActionAlert } from "~/components/action-alert";
import { useFormatAmount, useT } from "~/lib/i18n";

export type PaymentStatusValue = "PENDING" | "SUCCEEDED" | "FAILED" | "EXPIRED" | "CANCELLED";

const paymentStatusClass: Record<PaymentStatusValue, string> = {
  PENDING: "badge badge-warning",
  SUCCEEDED: "badge badge-success",
  FAILED: "badge badge-muted",
  EXPIRED: "badge badge-muted",
  CANCELLED: "badge badge-muted",
};

/** A payment's status in words. */
export function PaymentStatusBadge({ status }: { status: PaymentStatusValue }) {
  const t = useT();
  return (
    <span className={paymentStatusClass[status]} data-testid="payment-status">
      {t(`web.payment.status.${status}`)}
    </span>
  );
}

/**
 * A held booking's "Pay" box: the price, the part the wallet covers and the rest paid with the
 * provider, then one button. The action redirects to the provider's page (or the status page
 * when the wallet covers everything).
 */
export function PayBookingForm(props: {
  currency: string;
  totalMinor: number;
  walletMinor: number;
  cardMinor: number;
  failure: { message: string; requestId?: string } | null;
}) {
  const t = useT();
  const formatMoney = useFormatAmount();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "pay";
  const { currency, totalMinor, walletMinor, cardMinor, failure } = props;
  return (
    <section className="card stack pay-box" aria-labelledby="pay-heading" data-testid="pay-box">
      <h2 id="pay-heading">{t("web.payment.payHeading")}</h2>
      <dl className="details">
        <div>
          <dt>{t("web.payment.total")}</dt>
          <dd data-testid="pay-total">{formatMoney(totalMinor, currency)}</dd>
        </div>
        <div>
          <dt>{t("web.payment.fromWallet")}</dt>
          <dd data-testid="pay-wallet">{formatMoney(walletMinor, currency)}</dd>
        </div>
        <div>
          <dt>{t("web.payment.byCard")}</dt>
          <dd data-testid="pay-card">{formatMoney(cardMinor, currency)}</dd>
        </div>
      </dl>
      <p className="small muted">
        {cardMinor === 0 ? t("web.payment.walletCoversAll") : t("web.payment.redirectNotice")}
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="pay" />
        <div className="field">
          <label htmlFor="pay-order-number">{t("web.payment.orderNumber")}</label>
          <input
            id="pay-order-number"
            name="orderNumber"
            maxLength={50}
            autoComplete="off"
            aria-describedby="pay-order-number-hint"
          />
          <p id="pay-order-number-hint" className="small muted">
            {t("web.payment.orderNumberHint")}
          </p>
        </div>
        <ActionAlert failure={failure} />
        <button type="submit" className="button" disabled={busy}>
          {busy
            ? t("web.form.submitting")
            : t("web.payment.payButton", { amount: formatMoney(totalMinor, currency) })}
        </button>
      </Form>
    </section>
  );
}
