import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import {
  type PayoutFilterValues,
  parsePayoutFilters,
  payoutFilterQuery,
} from "~/lib/admin-payouts.server";
import { currencies } from "~/lib/currencies";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminPayouts.title");

const statuses = ["REQUESTED", "APPROVED", "PROCESSING", "PAID", "REJECTED", "CANCELLED"] as const;
const methods = ["STRIPE_CONNECT", "PAYPAL", "BANK_TRANSFER", "SANDBOX"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const url = new URL(request.url);
    const { values, filters, problems } = parsePayoutFilters(url.searchParams);
    const cursor = url.searchParams.get("cursor") || undefined;
    const [queue, bank, history] = await Promise.all([
      input.caller.admin.payouts.queue({ status: "REQUESTED", limit: 100 }),
      input.caller.admin.payouts.queue({ status: "APPROVED", limit: 100 }),
      problems.length > 0
        ? { items: [], nextCursor: null }
        : input.caller.admin.payouts.list({ ...filters, limit: 25, ...(cursor ? { cursor } : {}) }),
    ]);
    return {
      values,
      problems,
      query: payoutFilterQuery(values),
      isFirstPage: !cursor,
      queue: queue.items,
      bank: bank.items,
      history: history.items,
      nextCursor: history.nextCursor,
    };
  });
}

/** Approve or reject the selected payouts (each its own transition), or mark a transfer paid. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const { caller, ctx } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    if (intent === "markPaid") {
      const payoutId = formText(form, "payoutId");
      const reference = formText(form, "reference");
      return attempt(
        ctx,
        intent,
        async () => {
          await caller.admin.payouts.markPaid({ payoutId, reference });
          return { ok: 1, failed: 0 };
        },
        payoutId,
      );
    }
    const payoutIds = form.getAll("payoutIds").map(String).filter(Boolean);
    if (payoutIds.length === 0) {
      return formFailure(ctx, "batch", translate(ctx.locale, "web.adminPayouts.noneSelected"));
    }
    const reason = formText(form, "reason");
    if (intent === "reject" && !reason) {
      return formFailure(ctx, "batch", translate(ctx.locale, "web.adminPayouts.reasonRequired"));
    }
    return attempt(ctx, "batch", async () => {
      const { results } =
        intent === "reject"
          ? await caller.admin.payouts.reject({ payoutIds, reason })
          : await caller.admin.payouts.approve({ payoutIds });
      const ok = results.filter((item) => item.ok).length;
      return { ok, failed: results.length - ok };
    });
  });
}

function Filters({ values }: { values: PayoutFilterValues }) {
  const t = useT();
  return (
    <Form method="get" className="card filters" aria-labelledby="payout-filters-heading">
      <h3 id="payout-filters-heading">{t("web.adminPayments.filters")}</h3>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="filter-status">{t("web.adminPayments.status")}</label>
          <select id="filter-status" name="status" defaultValue={values.status}>
            <option value="">{t("web.adminPayments.any")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`web.mentorPayouts.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-method">{t("web.adminPayouts.method")}</label>
          <select id="filter-method" name="method" defaultValue={values.method}>
            <option value="">{t("web.adminPayments.any")}</option>
            {methods.map((method) => (
              <option key={method} value={method}>
                {t(`web.mentorPayouts.kinds.${method}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-mentor">{t("web.adminPayouts.mentor")}</label>
          <input id="filter-mentor" name="mentor" type="search" defaultValue={values.mentor} />
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
        <Link to="/admin/payouts">{t("web.adminPayments.reset")}</Link>
      </div>
    </Form>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["queue"][number];

/** How old the paid-to method was when the payout was asked for: a fresh one is flagged. */
function MethodAge({ hours }: { hours: number | null }) {
  const t = useT();
  if (hours === null) return null;
  const text =
    hours < 48
      ? t("web.adminPayouts.methodAgeHours", { hours })
      : t("web.adminPayouts.methodAgeDays", { days: Math.floor(hours / 24) });
  return (
    <span
      className={`small block${hours < 48 ? " text-danger" : " muted"}`}
      data-testid="method-age"
    >
      {text}
    </span>
  );
}

function Queue({ items }: { items: Row[] }) {
  const t = useT();
  const formatAmount = useFormatAmount();
  const formatDate = useFormatDateTime();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") !== "markPaid";
  const failure = result && !result.ok && result.intent === "batch" ? result : null;
  return (
    <section aria-labelledby="payout-queue-heading">
      <h2 id="payout-queue-heading">{t("web.adminPayouts.queueHeading")}</h2>
      {items.length === 0 ? (
        <p className="card">{t("web.adminPayouts.queueEmpty")}</p>
      ) : (
        <Form method="post" className="stack">
          <div className="table-wrap">
            <table data-testid="payout-queue">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t("web.adminPayments.actions")}</span>
                  </th>
                  <th scope="col">{t("web.mentorPayouts.date")}</th>
                  <th scope="col">{t("web.adminPayouts.mentorColumn")}</th>
                  <th scope="col">{t("web.adminPayments.amount")}</th>
                  <th scope="col">{t("web.mentorPayouts.destination")}</th>
                  <th scope="col">{t("web.adminPayouts.attempts")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((payout) => (
                  <tr key={payout.id} data-payout-id={payout.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="payoutIds"
                        value={payout.id}
                        aria-label={t("web.adminPayouts.select", {
                          amount: formatAmount(payout.amountMinor, payout.currency),
                          mentor: payout.mentorName,
                        })}
                      />
                    </td>
                    <td>
                      <time dateTime={new Date(payout.createdAt).toISOString()}>
                        {formatDate(new Date(payout.createdAt))}
                      </time>
                    </td>
                    <td>
                      {payout.mentorName}
                      <span className="muted small block">{payout.mentorEmail}</span>
                    </td>
                    <td>{formatAmount(payout.amountMinor, payout.currency)}</td>
                    <td>
                      {t(`web.mentorPayouts.kinds.${payout.method}`)}
                      <span className="muted small block" data-testid="frozen-destination">
                        {payout.destination}
                      </span>
                      <MethodAge hours={payout.methodAgeHours} />
                    </td>
                    <td>
                      {payout.attempts}
                      {payout.lastFailure ? (
                        <span className="muted small block">{payout.lastFailure}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="field">
            <label htmlFor="reject-reason">{t("web.adminPayouts.rejectReason")}</label>
            <input id="reject-reason" name="reason" maxLength={500} />
          </div>
          <ActionAlert failure={failure} />
          <div className="actions">
            <button type="submit" name="intent" value="approve" className="button" disabled={busy}>
              {t("web.adminPayouts.approveSelected")}
            </button>
            <button
              type="submit"
              name="intent"
              value="reject"
              className="button button-danger"
              disabled={busy}
            >
              {t("web.adminPayouts.rejectSelected")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

function BankTransfers({ items }: { items: Row[] }) {
  const t = useT();
  const formatAmount = useFormatAmount();
  const result = useActionData<typeof action>();
  return (
    <section aria-labelledby="payout-bank-heading">
      <h2 id="payout-bank-heading">{t("web.adminPayouts.bankHeading")}</h2>
      {items.length === 0 ? (
        <p className="card">{t("web.adminPayouts.bankEmpty")}</p>
      ) : (
        <ul className="stack">
          {items.map((payout) => {
            const failure =
              result && !result.ok && result.intent === "markPaid" && result.target === payout.id
                ? result
                : null;
            return (
              <li key={payout.id} className="card" data-payout-id={payout.id}>
                <p>
                  {payout.mentorName} — {formatAmount(payout.amountMinor, payout.currency)} —{" "}
                  <span data-testid="frozen-destination">{payout.destination}</span>
                </p>
                <MethodAge hours={payout.methodAgeHours} />
                <Form method="post" className="inline-fields">
                  <input type="hidden" name="intent" value="markPaid" />
                  <input type="hidden" name="payoutId" value={payout.id} />
                  <div className="field">
                    <label htmlFor={`reference-${payout.id}`}>
                      {t("web.adminPayouts.reference")}
                    </label>
                    <input
                      id={`reference-${payout.id}`}
                      name="reference"
                      required
                      maxLength={140}
                    />
                  </div>
                  <div>
                    <button type="submit" className="button button-small">
                      {t("web.adminPayouts.markPaid")}
                    </button>
                  </div>
                </Form>
                <ActionAlert failure={failure} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export default function AdminPayouts() {
  const t = useT();
  const formatAmount = useFormatAmount();
  const formatDate = useFormatDateTime();
  const { values, problems, query, isFirstPage, queue, bank, history, nextCursor } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const notice = result?.ok
    ? result.intent === "markPaid"
      ? t("web.adminPayouts.markedPaid")
      : t("web.adminPayouts.done", {
          ok: result.result?.ok ?? 0,
          failed: result.result?.failed ?? 0,
        })
    : null;
  const withCursor = (cursor: string) =>
    `/admin/payouts${query ? `${query}&` : "?"}cursor=${encodeURIComponent(cursor)}`;
  return (
    <>
      <h1>{t("web.adminPayouts.heading")}</h1>
      <StatusNotice message={notice} />
      <Queue items={queue} />
      <BankTransfers items={bank} />
      <section aria-labelledby="payout-history-heading">
        <h2 id="payout-history-heading">{t("web.adminPayouts.historyHeading")}</h2>
        <Filters values={values} />
        {problems.map((problem) => (
          <p key={problem} className="alert alert-error" role="alert">
            {t(`web.adminPayments.problems.${problem}`)}
          </p>
        ))}
        <p className="actions">
          <a href={`/admin/payouts.csv${query}`} className="button button-secondary" download>
            {t("web.adminPayouts.exportCsv")}
          </a>
        </p>
        {history.length === 0 ? (
          <p className="card">{t("web.adminPayouts.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="payout-history">
              <thead>
                <tr>
                  <th scope="col">{t("web.mentorPayouts.date")}</th>
                  <th scope="col">{t("web.adminPayouts.mentorColumn")}</th>
                  <th scope="col">{t("web.adminPayments.amount")}</th>
                  <th scope="col">{t("web.adminPayouts.method")}</th>
                  <th scope="col">{t("web.adminPayments.status")}</th>
                  <th scope="col">{t("web.adminPayouts.reference")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((payout) => (
                  <tr key={payout.id} data-payout-id={payout.id}>
                    <td>
                      <time dateTime={new Date(payout.createdAt).toISOString()}>
                        {formatDate(new Date(payout.createdAt))}
                      </time>
                    </td>
                    <td>
                      {payout.mentorName}
                      <span className="muted small block">{payout.mentorEmail}</span>
                    </td>
                    <td>{formatAmount(payout.amountMinor, payout.currency)}</td>
                    <td>
                      {t(`web.mentorPayouts.kinds.${payout.method}`)}
                      <span className="muted small block" data-testid="frozen-destination">
                        {payout.destination}
                      </span>
                      <MethodAge hours={payout.methodAgeHours} />
                    </td>
                    <td>
                      <span className="badge">
                        {t(`web.mentorPayouts.statuses.${payout.status}`)}
                      </span>
                      {payout.lastFailure ? (
                        <span className="muted small block">{payout.lastFailure}</span>
                      ) : null}
                    </td>
                    <td>{payout.reference ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pager" aria-label={t("web.admin.pagination")}>
          {isFirstPage ? null : (
            <Link to={`/admin/payouts${query}`}>{t("web.admin.firstPage")}</Link>
          )}
          {nextCursor ? (
            <Link to={withCursor(nextCursor)} className="button button-secondary">
              {t("web.admin.nextPage")}
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
