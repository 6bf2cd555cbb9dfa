import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import type { CSSProperties } from "react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { ErrorPage } from "~/components/error-page";
import { layoutDayBlocks } from "~/lib/calendar-layout";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireMentor } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useDateFormats, useI18n, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import {
  addDays,
  isLocalDate,
  localDateOf,
  mondayOf,
  parseLocalDateTime,
  toLocalDateTimeInput,
  wallMinutesOf,
  zonedTimeToUtc,
} from "~/lib/time";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.calendar.title");

const DAY_MS = 86_400_000;
/** Pixel height of one hour row: a block's height is its real length at this scale. */
export const HOUR_HEIGHT = 48;

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    const { caller } = input;
    const { timezone } = await caller.availability.get();
    const url = new URL(request.url);
    const today = localDateOf(new Date(), timezone);
    const asked = url.searchParams.get("date");
    const monday = mondayOf(isLocalDate(asked) ? asked : today);
    const from = zonedTimeToUtc(monday, 0, timezone);
    const to = zonedTimeToUtc(addDays(monday, 7), 0, timezone);
    const now = new Date();
    const [week, upcoming] = await Promise.all([
      caller.mentorSessions.list({ from, to }),
      caller.mentorSessions.list({ from: now, to: new Date(now.getTime() + 42 * DAY_MS) }),
    ]);
    return {
      timezone,
      today,
      monday,
      week,
      upcoming: upcoming.filter((session) => session.status === "SCHEDULED"),
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireMentor(request, input);
    const { caller, ctx } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    const sessionId = formText(form, "sessionId");
    if (intent === "cancel") {
      const reason = formText(form, "reason");
      return attempt(
        ctx,
        intent,
        () => caller.mentorSessions.cancel({ sessionId, ...(reason ? { reason } : {}) }),
        sessionId,
      );
    }
    if (intent === "block") {
      const bookingId = formText(form, "bookingId");
      return attempt(ctx, intent, () => caller.mentorBlocks.block({ bookingId }), sessionId);
    }
    if (intent === "reschedule") {
      const { timezone } = await caller.availability.get();
      const startsAt = parseLocalDateTime(formText(form, "startsAt"), timezone);
      if (!startsAt) {
        return formFailure(ctx, intent, translate(ctx.locale, "web.calendar.badTime"), sessionId);
      }
      return attempt(
        ctx,
        intent,
        () => caller.mentorSessions.reschedule({ sessionId, startsAt }),
        sessionId,
      );
    }
    return formFailure(ctx, intent, translate(ctx.locale, "errors.BAD_REQUEST"));
  });
}

export default function MentorCalendar() {
  // A booking that arrives, is cancelled or moves shows up without a reload.
  useRevalidateOn(["booking"]);
  const t = useT();
  const { locale } = useI18n();
  const { timezone, today, monday, week, upcoming } = useLoaderData<typeof loader>();
  type Block = { session: (typeof week)[number]; start: number; end: number };
  const result = useActionData<typeof action>();
  const formats = useDateFormats(timezone);
  const days = Array.from({ length: 7 }, (_, index) => addDays(monday, index));

  // Each session on its local day, in wall minutes (a session past midnight is cut there).
  const byDay = new Map<string, Block[]>(days.map((day) => [day, []]));
  for (const session of week) {
    const day = localDateOf(session.startsAt, timezone);
    const start = wallMinutesOf(session.startsAt, timezone);
    const length = (session.endsAt.getTime() - session.startsAt.getTime()) / 60_000;
    byDay.get(day)?.push({ session, start, end: Math.min(start + length, 1440) });
  }
  const blocks = [...byDay.values()].flat();
  const firstHour = Math.min(8, ...blocks.map((block) => Math.floor(block.start / 60)));
  const lastHour = Math.max(20, ...blocks.map((block) => Math.ceil(block.end / 60)));
  const hours = Array.from({ length: lastHour - firstHour }, (_, index) => firstHour + index);
  const gridHeight = hours.length * HOUR_HEIGHT;
  const hourLabel = new Intl.DateTimeFormat(locale, { hour: "numeric", timeZone: "UTC" });
  const failureFor = (sessionId: string) =>
    result && !result.ok && result.target === sessionId ? result : null;

  return (
    <>
      <h1>{t("web.calendar.heading")}</h1>
      <p className="muted">{t("web.calendar.timezone", { timezone })}</p>
      <StatusNotice
        message={
          result?.ok
            ? result.intent === "cancel"
              ? t("web.calendar.cancelled")
              : result.intent === "block"
                ? t("web.calendar.blocked")
                : t("web.calendar.rescheduled")
            : null
        }
      />
      <nav className="week-nav" aria-label={t("web.calendar.weekNav")}>
        <Link to={`?date=${addDays(monday, -7)}`} className="button button-small button-secondary">
          <span aria-hidden="true">← </span>
          {t("web.slots.previousWeek")}
        </Link>
        <p className="week-label" data-testid="calendar-week">
          {formats.dayRange(monday, addDays(monday, 6))}
        </p>
        <Link to="?" className="button button-small button-secondary">
          {t("web.calendar.thisWeek")}
        </Link>
        <Link to={`?date=${addDays(monday, 7)}`} className="button button-small button-secondary">
          {t("web.slots.nextWeek")}
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>

      <div
        className="calendar"
        style={{ "--hour-height": `${HOUR_HEIGHT}px` } as CSSProperties}
        data-testid="calendar"
      >
        <div className="calendar-head" aria-hidden="true">
          <div />
          {days.map((day) => (
            <div
              key={day}
              className={day === today ? "calendar-day-name today" : "calendar-day-name"}
            >
              {formats.dayShort(day)}
            </div>
          ))}
        </div>
        <div className="calendar-body">
          <div className="calendar-hours" aria-hidden="true">
            {hours.map((hour) => (
              <div key={hour} className="calendar-hour" data-testid="hour-row">
                {hourLabel.format(new Date(Date.UTC(2024, 0, 1, hour)))}
              </div>
            ))}
          </div>
          {days.map((day) => {
            const dayBlocks = byDay.get(day) ?? [];
            const placed = layoutDayBlocks(
              dayBlocks.map((block) => ({
                id: block.session.id,
                start: block.start,
                end: block.end,
              })),
            );
            return (
              <ol
                key={day}
                className={day === today ? "calendar-column today" : "calendar-column"}
                style={{ height: gridHeight }}
                aria-label={formats.dayLong(day)}
              >
                {dayBlocks.map(({ session, start, end }) => {
                  const place = placed.get(session.id) ?? { lane: 0, lanes: 1 };
                  const style: CSSProperties = {
                    top: ((start - firstHour * 60) / 60) * HOUR_HEIGHT,
                    height: ((end - start) / 60) * HOUR_HEIGHT,
                    left: `${(place.lane / place.lanes) * 100}%`,
                    width: `${100 / place.lanes}%`,
                  };
                  const first = session.participants[0];
                  return (
                    <li
                      key={session.id}
                      className={[
                        "calendar-block",
                        session.kind === "GROUP" ? "group" : "",
                        end - start < 45 ? "compact" : "",
                      ]
                        .filter(Boolean)
                        .join(" ")}
                      style={style}
                      data-testid="calendar-block"
                      data-minutes={end - start}
                    >
                      <span className="calendar-block-time">
                        {end - start < 45
                          ? formats.time(session.startsAt)
                          : formats.timeRange(session.startsAt, session.endsAt)}
                      </span>{" "}
                      {session.kind === "ONE_TO_ONE" && first ? (
                        <Link to={`/bookings/${first.bookingId}`} className="calendar-block-title">
                          {session.offeringTitle} · {first.name}
                        </Link>
                      ) : (
                        <span className="calendar-block-title">
                          {session.offeringTitle} ·{" "}
                          {t("web.calendar.seats", {
                            taken: session.participants.length,
                            capacity: session.capacity,
                          })}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ol>
            );
          })}
        </div>
      </div>
      {week.length === 0 ? <p className="muted">{t("web.calendar.emptyWeek")}</p> : null}

      <section className="card" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("web.calendar.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p className="muted">{t("web.calendar.noUpcoming")}</p>
        ) : (
          <ul className="session-list">
            {upcoming.map((session) => (
              <li key={session.id} className="upcoming-session" data-testid="upcoming-session">
                <div className="stack-tight">
                  <p>
                    <strong>
                      <time dateTime={session.startsAt.toISOString()}>
                        {formats.dateTime(session.startsAt)}
                      </time>
                    </strong>{" "}
                    · {session.offeringTitle}
                  </p>
                  <p className="small">
                    {session.participants.length === 0
                      ? t("web.calendar.noParticipants")
                      : session.participants.map((participant, index) => (
                          <span key={participant.bookingId}>
                            {index > 0 ? ", " : ""}
                            <Link to={`/bookings/${participant.bookingId}`}>
                              {participant.name}
                            </Link>
                            {participant.status === "PENDING_PAYMENT"
                              ? ` (${t("web.bookings.status.PENDING_PAYMENT")})`
                              : ""}
                          </span>
                        ))}
                    {session.kind === "GROUP"
                      ? ` · ${t("web.calendar.seats", { taken: session.participants.length, capacity: session.capacity })}`
                      : ""}
                  </p>
                  <div className="session-actions">
                    <details>
                      <summary>{t("web.calendar.reschedule")}</summary>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="reschedule" />
                        <input type="hidden" name="sessionId" value={session.id} />
                        <div className="field">
                          <label htmlFor={`reschedule-${session.id}`}>
                            {t("web.calendar.newStart", { timezone })}
                          </label>
                          <input
                            id={`reschedule-${session.id}`}
                            name="startsAt"
                            type="datetime-local"
                            required
                            defaultValue={toLocalDateTimeInput(session.startsAt, timezone)}
                          />
                        </div>
                        <button type="submit" className="button button-small">
                          {t("web.calendar.move")}
                        </button>
                      </Form>
                    </details>
                    <details>
                      <summary>{t("web.calendar.cancel")}</summary>
                      <Form method="post" className="stack-tight">
                        <input type="hidden" name="intent" value="cancel" />
                        <input type="hidden" name="sessionId" value={session.id} />
                        <div className="field">
                          <label htmlFor={`cancel-reason-${session.id}`}>
                            {t("web.calendar.cancelReason")}
                          </label>
                          <textarea
                            id={`cancel-reason-${session.id}`}
                            name="reason"
                            rows={2}
                            maxLength={500}
                          />
                        </div>
                        <div>
                          <button type="submit" className="button button-small button-danger">
                            {t("web.calendar.confirmCancel")}
                          </button>
                        </div>
                      </Form>
                    </details>
                    {session.participants.map((participant) => (
                      <details key={participant.bookingId}>
                        <summary>{t("web.calendar.block", { name: participant.name })}</summary>
                        <Form method="post" className="stack-tight">
                          <input type="hidden" name="intent" value="block" />
                          <input type="hidden" name="sessionId" value={session.id} />
                          <input type="hidden" name="bookingId" value={participant.bookingId} />
                          <p className="small">
                            {t("web.calendar.blockHint", { name: participant.name })}
                          </p>
                          <div>
                            <button type="submit" className="button button-small button-danger">
                              {t("web.calendar.confirmBlock")}
                            </button>
                          </div>
                        </Form>
                      </details>
                    ))}
                  </div>
                  <ActionAlert failure={failureFor(session.id)} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
