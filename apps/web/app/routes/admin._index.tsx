import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
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

export default function AdminUsers() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("web.admin.pageHeading")}</h1>
      <Applications />
      <h2>{t("web.admin.heading")}</h2>
      {items.length === 0 ? (
        <p className="card">{t("web.admin.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("web.admin.name")}</th>
                <th scope="col">{t("web.admin.email")}</th>
                <th scope="col">{t("web.admin.role")}</th>
                <th scope="col">{t("web.admin.verified")}</th>
                <th scope="col">{t("web.admin.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{t(`web.roles.${user.role}`)}</td>
                  <td>{user.emailVerified ? t("web.admin.yes") : t("web.admin.no")}</td>
                  <td>
                    <time dateTime={user.createdAt.toISOString()}>
                      {formatDate(user.createdAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("web.admin.pagination")}>
        {isFirstPage ? null : <Link to="/admin">{t("web.admin.firstPage")}</Link>}
        {nextCursor ? (
          <Link
            to={`/admin?cursor=${encodeURIComponent(nextCursor)}`}
            className="button button-secondary"
          >
            {t("web.admin.nextPage")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

/** Inside the admin area's container. */
export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
