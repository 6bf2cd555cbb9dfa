import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { type Column, DataTable } from "~/components/admin/data-table";
import { Pager } from "~/components/admin/pager";
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

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Video costs: Twilio bills participant-minutes; per month, then per session. */
export default function AdminVideo() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { months, sessions, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  const monthColumns: Column<Data["months"][number]>[] = [
    {
      id: "month",
      header: t("web.adminVideo.month"),
      rowHeader: true,
      sortValue: (month) => month.month,
      cell: (month) => month.month,
    },
    {
      id: "minutes",
      header: t("web.adminVideo.minutes"),
      sortValue: (month) => month.participantMinutes,
      cell: (month) => month.participantMinutes,
    },
    {
      id: "sessions",
      header: t("web.adminVideo.sessions"),
      sortValue: (month) => month.sessions,
      cell: (month) => month.sessions,
    },
  ];
  const sessionColumns: Column<Data["sessions"][number]>[] = [
    {
      id: "session",
      header: t("web.adminVideo.session"),
      rowHeader: true,
      sortValue: (session) => session.title,
      cell: (session) => session.title,
    },
    {
      id: "mentor",
      header: t("web.adminVideo.mentor"),
      sortValue: (session) => session.mentorName,
      cell: (session) => session.mentorName,
    },
    {
      id: "starts",
      header: t("web.adminVideo.starts"),
      sortValue: (session) => new Date(session.startsAt),
      cell: (session) => formatDate(new Date(session.startsAt)),
    },
    {
      id: "room",
      header: t("web.adminVideo.room"),
      cell: (session) => `${session.roomType} (${session.provider})`,
    },
    {
      id: "minutes",
      header: t("web.adminVideo.minutes"),
      sortValue: (session) => session.participantMinutes,
      cell: (session) => session.participantMinutes,
    },
    {
      id: "attendance",
      header: t("web.adminVideo.attendance"),
      sortValue: (session) => session.verdict,
      cell: (session) => (session.verdict ? t(`web.adminVideo.verdict.${session.verdict}`) : "—"),
    },
  ];
  return (
    <>
      <h1>{t("web.adminVideo.heading")}</h1>
      <p className="muted">{t("web.adminVideo.intro")}</p>
      <section className="card" aria-labelledby="video-months">
        <h2 id="video-months">{t("web.adminVideo.perMonth")}</h2>
        <DataTable
          caption={t("web.adminVideo.perMonth")}
          columns={monthColumns}
          rows={months}
          rowKey={(month) => month.month}
          empty={<p className="muted">{t("web.adminVideo.none")}</p>}
          testId="video-months"
          sortParam="monthSort"
        />
      </section>
      <section className="card" aria-labelledby="video-sessions">
        <h2 id="video-sessions">{t("web.adminVideo.perSession")}</h2>
        <DataTable
          caption={t("web.adminVideo.perSession")}
          columns={sessionColumns}
          rows={sessions}
          rowKey={(session) => session.sessionId}
          rowProps={() => ({ "data-testid": "video-session" })}
          empty={<p className="muted">{t("web.adminVideo.none")}</p>}
          testId="video-sessions"
        />
        <Pager path="/admin/video" isFirstPage={isFirstPage} nextCursor={nextCursor} />
      </section>
    </>
  );
}
