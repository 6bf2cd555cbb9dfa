import { payoutMethodKinds, payoutStatuses } from "@mentora/core/contracts";
import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { CsvButton } from "~/components/admin/csv-button";
import { type Column, DataTable } from "~/components/admin/data-table";
import {
  type FilterField,
  FilterForm,
  periodAndAmountFields,
} from "~/components/admin/filter-form";
import { Pager } from "~/components/admin/pager";
import { parsePayoutFilters, payoutFilterQuery } from "~/lib/admin-payouts.server";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminPayouts.title");

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

type Row = ReturnType<typeof useLoaderData<typeof loader>>["queue"][number];

/** How old the paid-to method was when the payout was asked for; core says if it is fresh. */
function MethodAge({ hours, fresh }: { hours: number | null; fresh: boolean }) {
  const t = useT();
  if (hours === null) return null;
  const text =
    hours < 48
      ? t("web.adminPayouts.methodAgeHours", { hours })
      : t("web.adminPayouts.methodAgeDays", { days: Math.floor(hours / 24) });
  return (
    <span className={`small block${fresh ? " text-danger" : " muted"}`} data-testid="method-age">
      {text}
    </span>
  );
}

function DateCell({ value }: { value: Date | string }) {
  const formatDate = useFormatDateTime();
  return <time dateTime={new Date(value).toISOString()}>{formatDate(new Date(value))}</time>;
}

function MentorCell({ payout }: { payout: Row }) {
  return (
    <>
      {payout.mentorName}
      <span className="muted small block">{payout.mentorEmail}</span>
    </>
  );
}

function DestinationCell({ payout }: { payout: Row }) {
  const t = useT();
  return (
    <>
      {t(`web.mentorPayouts.kinds.${payout.method}`)}
      <span className="muted small block" data-testid="frozen-destination">
        {payout.destination}
      </span>
      <MethodAge hours={payout.methodAgeHours} fresh={payout.methodIsFresh} />
    </>
  );
}

// Amounts of different currencies do not compare: currency first, then the amount.
const amountSortValue = (payout: Row) =>
  `${payout.currency}:${String(payout.amountMinor).padStart(16, "0")}`;

/** The date, mentor and amount columns the queue and the history share. */
function usePayoutColumns(): Column<Row>[] {
  const t = useT();
  const formatAmount = useFormatAmount();
  return [
    {
      id: "date",
      header: t("web.mentorPayouts.date"),
      sortValue: (payout) => new Date(payout.createdAt),
      cell: (payout) => <DateCell value={payout.createdAt} />,
    },
    {
      id: "mentor",
      header: t("web.adminPayouts.mentorColumn"),
      sortValue: (payout) => payout.mentorName,
      cell: (payout) => <MentorCell payout={payout} />,
    },
    {
      id: "amount",
      header: t("web.adminPayments.amount"),
      sortValue: amountSortValue,
      cell: (payout) => formatAmount(payout.amountMinor, payout.currency),
    },
  ];
}

function Queue({ items }: { items: Row[] }) {
  const t = useT();
  const payoutColumns = usePayoutColumns();
  const formatAmount = useFormatAmount();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") !== "markPaid";
  const failure = result && !result.ok && result.intent === "batch" ? result : null;
  const columns: Column<Row>[] = [
    {
      id: "select",
      header: t("web.adminPayments.actions"),
      headerHidden: true,
      cell: (payout) => (
        <input
          type="checkbox"
          name="payoutIds"
          value={payout.id}
          aria-label={t("web.adminPayouts.select", {
            amount: formatAmount(payout.amountMinor, payout.currency),
            mentor: payout.mentorName,
          })}
        />
      ),
    },
    ...payoutColumns,
    {
      id: "destination",
      header: t("web.mentorPayouts.destination"),
      cell: (payout) => <DestinationCell payout={payout} />,
    },
    {
      id: "attempts",
      header: t("web.adminPayouts.attempts"),
      sortValue: (payout) => payout.attempts,
      cell: (payout) => (
        <>
          {payout.attempts}
          {payout.lastFailure ? (
            <span className="muted small block">{payout.lastFailure}</span>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <section aria-labelledby="payout-queue-heading">
      <h2 id="payout-queue-heading">{t("web.adminPayouts.queueHeading")}</h2>
      {items.length === 0 ? (
        <p className="card">{t("web.adminPayouts.queueEmpty")}</p>
      ) : (
        <Form method="post" className="stack">
          <DataTable
            caption={t("web.adminPayouts.queueHeading")}
            columns={columns}
            rows={items}
            rowKey={(payout) => payout.id}
            rowProps={(payout) => ({ "data-payout-id": payout.id })}
            empty={null}
            testId="payout-queue"
            sortParam="queueSort"
          />
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
                <MethodAge hours={payout.methodAgeHours} fresh={payout.methodIsFresh} />
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
  // The queue follows requests, approvals and payments as they happen, without a reload.
  useRevalidateOn(["admin.payouts"]);
  const t = useT();
  const payoutColumns = usePayoutColumns();
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
  const fields: FilterField[] = [
    {
      kind: "select",
      name: "status",
      label: t("web.adminPayments.status"),
      options: payoutStatuses.map((status) => ({
        value: status,
        label: t(`web.mentorPayouts.statuses.${status}`),
      })),
    },
    {
      kind: "select",
      name: "method",
      label: t("web.adminPayouts.method"),
      options: payoutMethodKinds.map((method) => ({
        value: method,
        label: t(`web.mentorPayouts.kinds.${method}`),
      })),
    },
    { kind: "search", name: "mentor", label: t("web.adminPayouts.mentor") },
    ...periodAndAmountFields(t),
  ];
  const columns: Column<Row>[] = [
    ...payoutColumns,
    {
      id: "method",
      header: t("web.adminPayouts.method"),
      sortValue: (payout) => payout.method,
      cell: (payout) => <DestinationCell payout={payout} />,
    },
    {
      id: "status",
      header: t("web.adminPayments.status"),
      sortValue: (payout) => payout.status,
      cell: (payout) => (
        <>
          <span className="badge">{t(`web.mentorPayouts.statuses.${payout.status}`)}</span>
          {payout.lastFailure ? (
            <span className="muted small block">{payout.lastFailure}</span>
          ) : null}
        </>
      ),
    },
    {
      id: "reference",
      header: t("web.adminPayouts.reference"),
      cell: (payout) => payout.reference ?? "—",
    },
  ];
  return (
    <>
      <h1>{t("web.adminPayouts.heading")}</h1>
      <StatusNotice message={notice} />
      <Queue items={queue} />
      <BankTransfers items={bank} />
      <section aria-labelledby="payout-history-heading">
        <h2 id="payout-history-heading">{t("web.adminPayouts.historyHeading")}</h2>
        <FilterForm
          path="/admin/payouts"
          fields={fields}
          values={values}
          hint={t("web.adminPayments.filtersHint")}
          headingLevel="h3"
        />
        {problems.map((problem) => (
          <p key={problem} className="alert alert-error" role="alert">
            {t(`web.adminPayments.problems.${problem}`)}
          </p>
        ))}
        <CsvButton href={`/admin/payouts.csv${query}`} label={t("web.adminPayouts.exportCsv")} />
        <DataTable
          caption={t("web.adminPayouts.historyHeading")}
          columns={columns}
          rows={history}
          rowKey={(payout) => payout.id}
          rowProps={(payout) => ({ "data-payout-id": payout.id })}
          empty={<p className="card">{t("web.adminPayouts.empty")}</p>}
          testId="payout-history"
        />
        <Pager
          path="/admin/payouts"
          query={query}
          isFirstPage={isFirstPage}
          nextCursor={nextCursor}
        />
      </section>
    </>
  );
}
