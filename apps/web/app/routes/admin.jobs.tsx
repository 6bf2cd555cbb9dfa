import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { formText } from "~/lib/forms";
import { attempt, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminJobs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const [queues, problems] = await Promise.all([
      input.caller.admin.jobs.queues(),
      input.caller.admin.jobs.problems({ limit: 100 }),
    ]);
    return { queues, problems };
  });
}

/** Retries or deletes one failed or dead job; core refuses a job that is anything else. */
export async function action({ request }: ActionFunctionArgs) {
  return withCaller(request, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const form = await request.formData();
    const job = { queue: formText(form, "queue"), id: formText(form, "id") };
    if (formText(form, "intent") === "delete") {
      return attempt(input.ctx, "delete", () => input.caller.admin.jobs.delete(job), job.id);
    }
    return attempt(input.ctx, "retry", () => input.caller.admin.jobs.retry(job), job.id);
  });
}

export default function AdminJobs() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { queues, problems } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const notice = result?.ok
    ? t(result.intent === "delete" ? "web.adminJobs.deleted" : "web.adminJobs.retried")
    : null;
  return (
    <>
      <h1>{t("web.adminJobs.heading")}</h1>
      <StatusNotice message={notice} />
      <h2>{t("web.adminJobs.queuesHeading")}</h2>
      <div className="table-wrap">
        <table data-testid="admin-queues">
          <thead>
            <tr>
              <th scope="col">{t("web.adminJobs.queue")}</th>
              <th scope="col">{t("web.adminJobs.ready")}</th>
              <th scope="col">{t("web.adminJobs.deferred")}</th>
              <th scope="col">{t("web.adminJobs.active")}</th>
              <th scope="col">{t("web.adminJobs.failed")}</th>
              <th scope="col">{t("web.adminJobs.oldest")}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((queue) => (
              <tr key={queue.name} data-testid="queue" data-queue={queue.name}>
                <th scope="row">
                  {queue.name}
                  {queue.isDeadLetter ? (
                    <span className="badge badge-muted">{t("web.adminJobs.deadLetterOf")}</span>
                  ) : null}
                </th>
                <td>{queue.ready}</td>
                <td>{queue.deferred}</td>
                <td>{queue.active}</td>
                <td>{queue.failed}</td>
                <td>
                  {queue.ready > 0
                    ? t("web.adminJobs.seconds", { count: Math.round(queue.oldestSeconds) })
                    : t("web.adminJobs.none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("web.adminJobs.problemsHeading")}</h2>
      {problems.length === 0 ? (
        <p className="card">{t("web.adminJobs.problemsEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="admin-problem-jobs">
            <thead>
              <tr>
                <th scope="col">{t("web.adminJobs.failedOn")}</th>
                <th scope="col">{t("web.adminJobs.queue")}</th>
                <th scope="col">{t("web.adminJobs.kind")}</th>
                <th scope="col">{t("web.adminJobs.attempts")}</th>
                <th scope="col">{t("web.adminJobs.error")}</th>
                <th scope="col">{t("web.adminPayments.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((job) => {
                const busy =
                  navigation.state !== "idle" && navigation.formData?.get("id") === job.id;
                return (
                  <tr key={job.id} data-testid="problem-job" data-kind={job.kind}>
                    <td>
                      <time dateTime={new Date(job.failedOn).toISOString()}>
                        {formatDate(new Date(job.failedOn))}
                      </time>
                    </td>
                    <td>
                      {job.queue}
                      {job.sourceQueue ? (
                        <span className="muted small block">
                          {t("web.adminJobs.sourceQueue", { queue: job.sourceQueue })}
                        </span>
                      ) : null}
                      <span className="muted small block">{job.id}</span>
                    </td>
                    <td>{t(`web.adminJobs.kinds.${job.kind}`)}</td>
                    <td>{job.retryCount}</td>
                    <td className="small">{job.error ?? t("web.adminJobs.none")}</td>
                    <td>
                      <Form method="post" className="stack-tight">
                        <input type="hidden" name="queue" value={job.queue} />
                        <input type="hidden" name="id" value={job.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="retry"
                          className="button button-small"
                          disabled={busy}
                          aria-label={t("web.adminJobs.retryLabel", { id: job.id })}
                        >
                          {t("web.adminJobs.retry")}
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="delete"
                          className="button button-small button-secondary"
                          disabled={busy}
                          aria-label={t("web.adminJobs.deleteLabel", { id: job.id })}
                        >
                          {t("web.adminJobs.delete")}
                        </button>
                        <ActionAlert
                          failure={result && !result.ok && result.target === job.id ? result : null}
                        />
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
