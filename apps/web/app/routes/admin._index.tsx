import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { type Column, DataTable } from "~/components/admin/data-table";
import { Pager } from "~/components/admin/pager";
import { Avatar } from "~/components/avatar";
import { ErrorPage } from "~/components/error-page";
import { LanguageList, SkillTags } from "~/components/tags";
import { attempt, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { httpError, withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.admin.title");

/** Admins only: anonymous → sign-in (and back), others → 403 (the procedure checks too). */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ caller, ctx }) => {
    const url = new URL(request.url);
    if (!ctx.session) {
      throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
    }
    if (ctx.session.user.role !== "ADMIN") throw httpError(ctx, "FORBIDDEN");
    const cursor = url.searchParams.get("cursor") || undefined;
    const applicationsCursor = url.searchParams.get("applications") || undefined;
    const [page, applications] = await Promise.all([
      caller.admin.users.list({ limit: 25, cursor }),
      caller.admin.mentors.applications({
        status: "PENDING",
        limit: 10,
        ...(applicationsCursor ? { cursor: applicationsCursor } : {}),
      }),
    ]);
    return { ...page, isFirstPage: !cursor, applications };
  });
}

/** An admin approves or rejects a mentor application, with a note for the applicant. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const form = await request.formData();
    const userId = String(form.get("userId") ?? "");
    const decision = form.get("decision") === "approve" ? "approve" : "reject";
    const note = String(form.get("note") ?? "").trim();
    return attempt(
      input.ctx,
      decision,
      () => input.caller.admin.mentors.decide({ userId, decision, ...(note ? { note } : {}) }),
      userId,
    );
  });
}

function Applications() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { applications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card" aria-labelledby="applications-heading">
      <h2 id="applications-heading">{t("web.admin.applications")}</h2>
      <StatusNotice
        message={
          result?.ok
            ? result.intent === "approve"
              ? t("web.admin.approved")
              : t("web.admin.rejected")
            : null
        }
      />
      {applications.items.length === 0 ? (
        <p className="muted">{t("web.admin.noApplications")}</p>
      ) : (
        <ul className="application-list">
          {applications.items.map((application) => (
            <li key={application.userId} className="application" data-testid="application">
              <div className="person">
                <Avatar name={application.name} src={application.avatarUrl} size={48} />
                <div className="stack-tight">
                  <p>
                    <strong>{application.name}</strong> · {application.email}
                  </p>
                  {application.headline ? <p>{application.headline}</p> : null}
                  <SkillTags skills={application.skills} />
                  <LanguageList languages={application.languages} />
                  <p className="small muted">
                    {t("web.admin.appliedAt", { date: formatDate(application.appliedAt) })}
                    {application.timezone ? ` · ${application.timezone}` : ""}
                  </p>
                  {application.bio ? (
                    <details>
                      <summary>{t("web.admin.bio")}</summary>
                      <p className="prose">{application.bio}</p>
                    </details>
                  ) : null}
                </div>
              </div>
              <Form method="post" className="stack-tight decision">
                <input type="hidden" name="userId" value={application.userId} />
                <div className="field">
                  <label htmlFor={`note-${application.userId}`}>{t("web.admin.note")}</label>
                  <textarea
                    id={`note-${application.userId}`}
                    name="note"
                    rows={2}
                    maxLength={2000}
                  />
                </div>
                <div className="form-footer">
                  <button
                    type="submit"
                    name="decision"
                    value="approve"
                    className="button button-small"
                  >
                    {t("web.admin.approve")}
                  </button>
                  <button
                    type="submit"
                    name="decision"
                    value="reject"
                    className="button button-small button-danger"
                  >
                    {t("web.admin.reject")}
                  </button>
                </div>
                <ActionAlert
                  failure={
                    result && !result.ok && result.target === application.userId ? result : null
                  }
                />
              </Form>
            </li>
          ))}
        </ul>
      )}
      {applications.nextCursor ? (
        <p>
          <Link to={`/admin?applications=${encodeURIComponent(applications.nextCursor)}`}>
            {t("web.admin.moreApplications")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

type User = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

export default function AdminUsers() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  const columns: Column<User>[] = [
    {
      id: "name",
      header: t("web.admin.name"),
      sortValue: (user) => user.name,
      cell: (user) => user.name,
    },
    {
      id: "email",
      header: t("web.admin.email"),
      sortValue: (user) => user.email,
      cell: (user) => user.email,
    },
    {
      id: "role",
      header: t("web.admin.role"),
      sortValue: (user) => user.role,
      cell: (user) => t(`web.roles.${user.role}`),
    },
    {
      id: "verified",
      header: t("web.admin.verified"),
      sortValue: (user) => (user.emailVerified ? 1 : 0),
      cell: (user) => (user.emailVerified ? t("web.admin.yes") : t("web.admin.no")),
    },
    {
      id: "created",
      header: t("web.admin.createdAt"),
      sortValue: (user) => new Date(user.createdAt),
      cell: (user) => (
        <time dateTime={new Date(user.createdAt).toISOString()}>
          {formatDate(new Date(user.createdAt))}
        </time>
      ),
    },
  ];
  return (
    <>
      <h1>{t("web.admin.pageHeading")}</h1>
      <Applications />
      <h2>{t("web.admin.heading")}</h2>
      <DataTable
        caption={t("web.admin.heading")}
        columns={columns}
        rows={items}
        rowKey={(user) => user.id}
        empty={<p className="card">{t("web.admin.empty")}</p>}
        testId="admin-users"
      />
      <Pager path="/admin" isFirstPage={isFirstPage} nextCursor={nextCursor} />
    </>
  );
}

/** Inside the admin area's container. */
export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
