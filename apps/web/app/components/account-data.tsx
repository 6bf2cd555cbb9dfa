import { Form, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";

export interface DataExportRow {
  id: string;
  status: "PENDING" | "READY" | "FAILED" | "EXPIRED";
  createdAt: string | Date;
  expiresAt: string | Date;
  downloadPath: string | null;
}

export type DeletionBlocker =
  | { reason: "WALLET_BALANCE" | "EARNINGS_UNPAID"; currency: string; amountMinor: number }
  | { reason: "BOOKING_TOO_SOON"; bookingId: string; startsAt: string };

type Failure = { message: string; requestId?: string } | null;

/** "Your data": ask for a copy (built by a job, e-mailed), and the list of copies. */
export function AccountDataExport({
  exports,
  failure,
  requested,
}: {
  exports: DataExportRow[];
  failure: Failure;
  requested: boolean;
}) {
  const t = useT();
  const formatDate = useFormatDateTime();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "export";
  return (
    <section className="card" aria-labelledby="data-heading">
      <h2 id="data-heading">{t("web.account.data.heading")}</h2>
      <p>{t("web.account.data.intro")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="export" />
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? t("web.account.data.requesting") : t("web.account.data.request")}
        </button>
      </Form>
      <ActionAlert failure={failure} />
      <StatusNotice message={requested ? t("web.account.data.requested") : null} />
      {exports.length > 0 ? (
        <ul className="plain-list" data-testid="data-exports">
          {exports.map((row) => (
            <li key={row.id}>
              {t("web.account.data.askedAt", { date: formatDate(new Date(row.createdAt)) })} —{" "}
              {row.downloadPath ? (
                <a href={row.downloadPath} download>
                  {t("web.account.data.download", {
                    date: formatDate(new Date(row.expiresAt)),
                  })}
                </a>
              ) : (
                t(`web.account.data.status.${row.status}`)
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * Deleting the account: what must be settled first, else the form (the e-mail typed again, and
 * the password, or a recent sign-in for accounts without one).
 */
export function AccountDeletion({
  blockers,
  hasPassword,
  email,
  failure,
}: {
  blockers: DeletionBlocker[];
  hasPassword: boolean;
  email: string;
  failure: Failure;
}) {
  const t = useT();
  const formatAmount = useFormatAmount();
  const formatDate = useFormatDateTime();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "delete";
  return (
    <section className="card" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t("web.account.delete.heading")}</h2>
      <p>{t("web.account.delete.intro")}</p>
      {blockers.length > 0 ? (
        <>
          <p>{t("web.account.delete.blocked")}</p>
          <ul data-testid="deletion-blockers">
            {blockers.map((blocker) => (
              <li
                key={
                  blocker.reason === "BOOKING_TOO_SOON"
                    ? blocker.bookingId
                    : `${blocker.reason}-${blocker.currency}`
                }
              >
                {blocker.reason === "BOOKING_TOO_SOON"
                  ? t("web.account.delete.bookingTooSoon", {
                      date: formatDate(new Date(blocker.startsAt)),
                    })
                  : t(
                      `web.account.delete.${blocker.reason === "WALLET_BALANCE" ? "wallet" : "earnings"}`,
                      {
                        amount: formatAmount(blocker.amountMinor, blocker.currency),
                      },
                    )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="delete" />
          <label>
            {t("web.account.delete.confirmEmail", { email })}
            <input type="email" name="confirmEmail" required autoComplete="off" />
          </label>
          {hasPassword ? (
            <label>
              {t("web.account.delete.password")}
              <input type="password" name="password" required autoComplete="current-password" />
            </label>
          ) : (
            <p className="muted small">{t("web.account.delete.recentSignIn")}</p>
          )}
          <button type="submit" className="button button-danger" disabled={busy}>
            {busy ? t("web.account.delete.deleting") : t("web.account.delete.submit")}
          </button>
        </Form>
      )}
      <ActionAlert failure={failure} />
    </section>
  );
}
