import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { type Column, DataTable } from "~/components/admin/data-table";
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

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type ProblemJob = Data["problems"][number];

function JobActions({ job }: { job: ProblemJob }) {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("id") === job.id;
  return (
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
      <ActionAlert failure={result && !result.ok && result.target === job.id ? result : null} />
    </Form>
  );
}

export default function AdminJobs() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { queues, problems } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const notice = result?.ok
    ? t(result.intent === "delete" ? "web.adminJobs.deleted" : "web.adminJobs.retried")
    : null;
  const queueColumns: Column<Data["queues"][number]>[] = [
    {
      id: "queue",
      header: t("web.adminJobs.queue"),
      rowHeader: true,
      sortValue: (queue) => queue.name,
      cell: (queue) => (
        <>
          {queue.name}
          {queue.isDeadLetter ? (
            <span className="badge badge-muted">{t("web.adminJobs.deadLetterOf")}</span>
          ) : null}
        </>
      ),
    },
    {
      id: "ready",
      header: t("web.adminJobs.ready"),
      sortValue: (queue) => queue.ready,
      cell: (queue) => queue.ready,
    },
    {
      id: "deferred",
      header: t("web.adminJobs.deferred"),
      sortValue: (queue) => queue.deferred,
      cell: (queue) => queue.deferred,
    },
    {
      id: "active",
      header: t("web.adminJobs.active"),
      sortValue: (queue) => queue.active,
      cell: (queue) => queue.active,
    },
    {
      id: "failed",
      header: t("web.adminJobs.failed"),
      sortValue: (queue) => queue.failed,
      cell: (queue) => queue.failed,
    },
    {
      id: "oldest",
      header: t("web.adminJobs.oldest"),
      sortValue: (queue) => (queue.ready > 0 ? queue.oldestSeconds : null),
      cell: (queue) =>
        queue.ready > 0
          ? t("web.adminJobs.seconds", { count: Math.round(queue.oldestSeconds) })
          : t("web.adminJobs.none"),
    },
  ];
  const problemColumns: Column<ProblemJob>[] = [
    {
      id: "failedOn",
      header: t("web.adminJobs.failedOn"),
      sortValue: (job) => new Date(job.failedOn),
      cell: (job) => (
        <time dateTime={new Date(job.failedOn).toISOString()}>
          {formatDate(new Date(job.failedOn))}
        </time>
      ),
    },
    {
      id: "queue",
      header: t("web.adminJobs.queue"),
      sortValue: (job) => job.queue,
      cell: (job) => (
        <>
          {job.queue}
          {job.sourceQueue ? (
            <span className="muted small block">
              {t("web.adminJobs.sourceQueue", { queue: job.sourceQueue })}
            </span>
          ) : null}
          <span className="muted small block">{job.id}</span>
        </>
      ),
    },
    {
      id: "kind",
      header: t("web.adminJobs.kind"),
      sortValue: (job) => job.kind,
      cell: (job) => t(`web.adminJobs.kinds.${job.kind}`),
    },
    {
      id: "attempts",
      header: t("web.adminJobs.attempts"),
      sortValue: (job) => job.retryCount,
      cell: (job) => job.retryCount,
    },
    {
      id: "error",
      header: t("web.adminJobs.error"),
      className: "small",
      cell: (job) => job.error ?? t("web.adminJobs.none"),
    },
    {
      id: "actions",
      header: t("web.adminPayments.actions"),
      cell: (job) => <JobActions job={job} />,
    },
  ];
  return (
    <>
      <h1>{t("web.adminJobs.heading")}</h1>
      <StatusNotice message={notice} />
      <h2>{t("web.adminJobs.queuesHeading")}</h2>
      <DataTable
        caption={t("web.adminJobs.queuesHeading")}
        columns={queueColumns}
        rows={queues}
        rowKey={(queue) => queue.name}
        rowProps={(queue) => ({ "data-testid": "queue", "data-queue": queue.name })}
        empty={null}
        testId="admin-queues"
        sortParam="queueSort"
      />
      <h2>{t("web.adminJobs.problemsHeading")}</h2>
      <DataTable
        caption={t("web.adminJobs.problemsHeading")}
        columns={problemColumns}
        rows={problems}
        rowKey={(job) => job.id}
        rowProps={(job) => ({ "data-testid": "problem-job", "data-kind": job.kind })}
        empty={<p className="card">{t("web.adminJobs.problemsEmpty")}</p>}
        testId="admin-problem-jobs"
      />
    </>
  );
}
