import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert } from "~/components/action-alert";
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

/** Chargebacks, what mentors owe, and sessions nobody attended (decision 015). */
export default function AdminDisputes() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const formatAmount = useFormatAmount();
  const { disputes, receivables, reviews } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("web.adminDisputes.heading")}</h1>
      <p className="muted">{t("web.adminDisputes.intro")}</p>
      <section className="card" aria-labelledby="disputes-heading">
        <h2 id="disputes-heading">{t("web.adminDisputes.disputes")}</h2>
        {disputes.length === 0 ? (
          <p className="muted">{t("web.adminDisputes.noDisputes")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="disputes">
              <thead>
                <tr>
                  <th scope="col">{t("web.adminDisputes.opened")}</th>
                  <th scope="col">{t("web.adminDisputes.provider")}</th>
                  <th scope="col">{t("web.adminDisputes.payment")}</th>
                  <th scope="col">{t("web.adminDisputes.mentor")}</th>
                  <th scope="col">{t("web.adminDisputes.amount")}</th>
                  <th scope="col">{t("web.adminDisputes.frozen")}</th>
                  <th scope="col">{t("web.adminDisputes.reason")}</th>
                  <th scope="col">{t("web.adminDisputes.status")}</th>
                </tr>
              </thead>
              <tbody>
                {disputes.map((dispute) => (
                  <tr key={dispute.id} data-testid="dispute">
                    <td>{formatDate(dispute.openedAt)}</td>
                    <td>{dispute.provider}</td>
                    <td>
                      <a
                        href={`/admin/payments?paymentId=${encodeURIComponent(dispute.paymentId)}`}
                      >
                        {dispute.paymentId.slice(0, 8)}
                      </a>
                    </td>
                    <td>{dispute.mentorName ?? "—"}</td>
                    <td>{formatAmount(dispute.amountMinor, dispute.currency)}</td>
                    <td>{formatAmount(dispute.frozenMinor, dispute.currency)}</td>
                    <td>{dispute.reason ?? "—"}</td>
                    <td>{t(`web.adminDisputes.statusName.${dispute.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
        {receivables.length === 0 ? (
          <p className="muted">{t("web.adminDisputes.noReceivables")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="receivables">
              <thead>
                <tr>
                  <th scope="col">{t("web.adminDisputes.mentor")}</th>
                  <th scope="col">{t("web.adminDisputes.owed")}</th>
                </tr>
              </thead>
              <tbody>
                {receivables.map((row) => (
                  <tr key={`${row.mentorId}:${row.currency}`}>
                    <td>{row.mentorName ?? row.mentorId}</td>
                    <td>{formatAmount(row.owedMinor, row.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
