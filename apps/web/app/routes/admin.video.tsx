import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/lib/guards.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminVideo.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const cursor = new URL(request.url).searchParams.get("cursor") || undefined;
    const usage = await input.caller.admin.video.usage({
      limit: 25,
      ...(cursor ? { cursor } : {}),
    });
    return { ...usage, isFirstPage: !cursor };
  });
}

/** Video costs: Twilio bills participant-minutes; per month, then per session. */
export default function AdminVideo() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { months, sessions, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("web.adminVideo.heading")}</h1>
      <p className="muted">{t("web.adminVideo.intro")}</p>
      <section className="card" aria-labelledby="video-months">
        <h2 id="video-months">{t("web.adminVideo.perMonth")}</h2>
        {months.length === 0 ? (
          <p className="muted">{t("web.adminVideo.none")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="video-months">
              <thead>
                <tr>
                  <th scope="col">{t("web.adminVideo.month")}</th>
                  <th scope="col">{t("web.adminVideo.minutes")}</th>
                  <th scope="col">{t("web.adminVideo.sessions")}</th>
                </tr>
              </thead>
              <tbody>
                {months.map((month) => (
                  <tr key={month.month}>
                    <th scope="row">{month.month}</th>
                    <td>{month.participantMinutes}</td>
                    <td>{month.sessions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="video-sessions">
        <h2 id="video-sessions">{t("web.adminVideo.perSession")}</h2>
        {sessions.length === 0 ? (
          <p className="muted">{t("web.adminVideo.none")}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="video-sessions">
              <thead>
                <tr>
                  <th scope="col">{t("web.adminVideo.session")}</th>
                  <th scope="col">{t("web.adminVideo.mentor")}</th>
                  <th scope="col">{t("web.adminVideo.starts")}</th>
                  <th scope="col">{t("web.adminVideo.room")}</th>
                  <th scope="col">{t("web.adminVideo.minutes")}</th>
                  <th scope="col">{t("web.adminVideo.attendance")}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session) => (
                  <tr key={session.sessionId} data-testid="video-session">
                    <th scope="row">{session.title}</th>
                    <td>{session.mentorName}</td>
                    <td>{formatDate(session.startsAt)}</td>
                    <td>
                      {session.roomType} ({session.provider})
                    </td>
                    <td>{session.participantMinutes}</td>
                    <td>
                      {session.verdict ? t(`web.adminVideo.verdict.${session.verdict}`) : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          {!isFirstPage ? <Link to="/admin/video">{t("web.adminVideo.first")}</Link> : null}{" "}
          {nextCursor ? (
            <Link to={`/admin/video?cursor=${encodeURIComponent(nextCursor)}`}>
              {t("web.adminVideo.next")}
            </Link>
          ) : null}
        </p>
      </section>
    </>
  );
}
