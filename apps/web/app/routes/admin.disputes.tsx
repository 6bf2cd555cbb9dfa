import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert } from "~/components/action-alert";
import { type Column, DataTable } from "~/components/admin/data-table";
import { formText } from "~/lib/forms";
import { attempt, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatAmount, useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminDisputes.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const [{ disputes, receivables }, reviews] = await Promise.all([
      input.caller.admin.disputes.list(),
      input.caller.admin.disputes.attendanceReviews(),
    ]);
    return { disputes, receivables, reviews };
  });
}

/** Release or refund a session nobody attended. */
export async function action({ request }: ActionFunctionArgs) {
  return withCaller(request, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const form = await request.formData();
    const sessionId = formText(form, "sessionId");
    const decision = formText(form, "decision") === "refund" ? "refund" : "release";
    return attempt(
      input.ctx,
      decision,
      () => input.caller.admin.disputes.decideAttendance({ sessionId, decision }),
      sessionId,
    );
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Chargebacks, what mentors owe, and sessions nobody attended (decision 015). */
export default function AdminDisputes() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const formatAmount = useFormatAmount();
  const { disputes, receivables, reviews } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const disputeColumns: Column<Data["disputes"][number]>[] = [
    {
      id: "opened",
      header: t("web.adminDisputes.opened"),
      sortValue: (dispute) => new Date(dispute.openedAt),
      cell: (dispute) => formatDate(new Date(dispute.openedAt)),
    },
    {
      id: "provider",
      header: t("web.adminDisputes.provider"),
      sortValue: (dispute) => dispute.provider,
      cell: (dispute) => dispute.provider,
    },
    {
      id: "payment",
      header: t("web.adminDisputes.payment"),
      cell: (dispute) => (
        <a href={`/admin/payments?paymentId=${encodeURIComponent(dispute.paymentId)}`}>
          {dispute.paymentId.slice(0, 8)}
        </a>
      ),
    },
    {
      id: "mentor",
      header: t("web.adminDisputes.mentor"),
      sortValue: (dispute) => dispute.mentorName,
      cell: (dispute) => dispute.mentorName ?? "—",
    },
    {
      id: "amount",
      header: t("web.adminDisputes.amount"),
      cell: (dispute) => formatAmount(dispute.amountMinor, dispute.currency),
    },
    {
      id: "frozen",
      header: t("web.adminDisputes.frozen"),
      cell: (dispute) => formatAmount(dispute.frozenMinor, dispute.currency),
    },
    {
      id: "reason",
      header: t("web.adminDisputes.reason"),
      cell: (dispute) => dispute.reason ?? "—",
    },
    {
      id: "status",
      header: t("web.adminDisputes.status"),
      sortValue: (dispute) => dispute.status,
      cell: (dispute) => t(`web.adminDisputes.statusName.${dispute.status}`),
    },
  ];
  const receivableColumns: Column<Data["receivables"][number]>[] = [
    {
      id: "mentor",
      header: t("web.adminDisputes.mentor"),
      sortValue: (row) => row.mentorName ?? row.mentorId,
      cell: (row) => row.mentorName ?? row.mentorId,
    },
    {
      id: "owed",
      header: t("web.adminDisputes.owed"),
      sortValue: (row) => `${row.currency}:${String(row.owedMinor).padStart(16, "0")}`,
      cell: (row) => formatAmount(row.owedMinor, row.currency),
    },
  ];
  return (
    <>
      <h1>{t("web.adminDisputes.heading")}</h1>
      <p className="muted">{t("web.adminDisputes.intro")}</p>
      <section className="card" aria-labelledby="disputes-heading">
        <h2 id="disputes-heading">{t("web.adminDisputes.disputes")}</h2>
        <DataTable
          caption={t("web.adminDisputes.disputes")}
          columns={disputeColumns}
          rows={disputes}
          rowKey={(dispute) => dispute.id}
          rowProps={() => ({ "data-testid": "dispute" })}
          empty={<p className="muted">{t("web.adminDisputes.noDisputes")}</p>}
          testId="disputes"
        />
      </section>
      <section className="card" aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t("web.adminDisputes.reviews")}</h2>
        <p className="muted">{t("web.adminDisputes.reviewsIntro")}</p>
        {reviews.length === 0 ? (
          <p className="muted">{t("web.adminDisputes.noReviews")}</p>
        ) : (
          <ul className="list">
            {reviews.map((review) => {
              const failure =
                result && !result.ok && result.target === review.sessionId ? result : null;
              return (
                <li key={review.sessionId} data-testid="attendance-review">
                  <p>
                    <strong>{review.title}</strong> — {review.mentorName},{" "}
                    {formatDate(review.startsAt)} ·{" "}
                    {t("web.adminDisputes.paid", {
                      bookings: review.bookings,
                      amount: review.currency
                        ? formatAmount(review.paidMinor, review.currency)
                        : "—",
                    })}
                  </p>
                  <Form method="post" className="actions">
                    <input type="hidden" name="sessionId" value={review.sessionId} />
                    <button
                      type="submit"
                      name="decision"
                      value="release"
                      className="button"
                      disabled={busy}
                    >
                      {t("web.adminDisputes.release")}
                    </button>
                    <button
                      type="submit"
                      name="decision"
                      value="refund"
                      className="button button-secondary"
                      disabled={busy}
                    >
                      {t("web.adminDisputes.refund")}
                    </button>
                  </Form>
                  <ActionAlert failure={failure} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="receivables-heading">
        <h2 id="receivables-heading">{t("web.adminDisputes.receivables")}</h2>
        <p className="muted">{t("web.adminDisputes.receivablesIntro")}</p>
        <DataTable
          caption={t("web.adminDisputes.receivables")}
          columns={receivableColumns}
          rows={receivables}
          rowKey={(row) => `${row.mentorId}:${row.currency}`}
          empty={<p className="muted">{t("web.adminDisputes.noReceivables")}</p>}
          testId="receivables"
          sortParam="owedSort"
        />
      </section>
    </>
  );
}
