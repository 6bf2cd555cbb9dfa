import { negotiateLocale, translate } from "@mentora/i18n";
import type { AppServices } from "../../app/types.ts";
import { googleAccessToken, googleCalendarApi, markConnectionBroken } from "./busy.ts";
import { type GoogleCalendarApi, GoogleTokenError, googleEventIdOf } from "./google-api.ts";

type Services = Pick<AppServices, "prisma" | "auth" | "config" | "logger">;

/** Places that make a session worth a calendar entry. */
const heldStatuses = ["CONFIRMED", "COMPLETED"] as const;

function appUrl(services: Pick<AppServices, "config">, path: string): string {
  return `${services.config.app.publicUrl.replace(/\/+$/, "")}${path}`;
}

/**
 * Brings the mentor's Google Calendar in line with one session, whatever happened to it: a
 * scheduled session with a confirmed place has an event at its current time (inserted under
 * our own id, or patched when it moved); a cancelled or emptied one has none. Run by the
 * booking.confirmed / cancelled / moved job subscribers; any order and any repetition end in the
 * same state. Participants are never added as attendees (Google would e-mail them).
 * A token error marks the connection broken and returns: retrying cannot help.
 */
export async function syncSessionEvent(
  services: Services,
  sessionId: string,
  options: { api?: GoogleCalendarApi } = {},
): Promise<"written" | "deleted" | "unchanged" | "skipped" | "broken"> {
  const { prisma } = services;
  const session = await prisma.mentoringSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      mentorId: true,
      status: true,
      startsAt: true,
      endsAt: true,
      capacity: true,
      offering: { select: { title: true } },
      mentor: { select: { locale: true } },
      bookings: {
        where: { status: { in: [...heldStatuses] } },
        select: { id: true, mentee: { select: { name: true } } },
      },
    },
  });
  if (!session) return "skipped";
  const [connection, written] = await Promise.all([
    prisma.googleCalendarConnection.findUnique({
      where: { mentorId: session.mentorId },
      select: { status: true, targetCalendarId: true },
    }),
    prisma.googleCalendarEvent.findUnique({ where: { sessionId } }),
  ]);
  if (connection?.status !== "CONNECTED") return "skipped";
  const wanted = session.status === "SCHEDULED" && session.bookings.length > 0;
  const api = options.api ?? googleCalendarApi(services);
  try {
    if (!wanted) {
      if (!written) return "unchanged";
      const accessToken = await googleAccessToken(services, session.mentorId);
      await api.deleteEvent(accessToken, written.calendarId, written.googleEventId);
      await prisma.googleCalendarEvent.delete({ where: { sessionId } });
      return "deleted";
    }
    if (
      written &&
      written.startsAt.getTime() === session.startsAt.getTime() &&
      written.endsAt.getTime() === session.endsAt.getTime()
    ) {
      return "unchanged";
    }
    // A new target calendar applies to sessions written from now on; a written one stays put.
    const calendarId = written?.calendarId ?? connection.targetCalendarId;
    if (!calendarId) return "skipped";
    const locale = negotiateLocale({ profileLocale: session.mentor.locale });
    const [only] = session.bookings;
    const summary =
      session.capacity <= 1 && only
        ? translate(locale, "email.booking.calendarSummary", {
            title: session.offering.title,
            name: only.mentee.name,
          })
        : translate(locale, "email.booking.calendarGroupSummary", {
            title: session.offering.title,
            count: session.bookings.length,
          });
    const joinUrl = appUrl(services, `/sessions/${encodeURIComponent(session.id)}/call`);
    const pageUrl = appUrl(services, "/mentor/calendar");
    const event = {
      summary,
      description: `${summary}\n${joinUrl}\n${pageUrl}`,
      location: joinUrl,
      start: session.startsAt,
      end: session.endsAt,
      sessionId: session.id,
    };
    const accessToken = await googleAccessToken(services, session.mentorId);
    const googleEventId = written?.googleEventId ?? googleEventIdOf(session.id);
    if (written) await api.patchEvent(accessToken, calendarId, googleEventId, event);
    else await api.insertEvent(accessToken, calendarId, googleEventId, event);
    await prisma.googleCalendarEvent.upsert({
      where: { sessionId },
      create: {
        sessionId,
        mentorId: session.mentorId,
        calendarId,
        googleEventId,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
      },
      update: { startsAt: session.startsAt, endsAt: session.endsAt },
    });
    return "written";
  } catch (error) {
    if (error instanceof GoogleTokenError) {
      await markConnectionBroken(services, session.mentorId, error.reason);
      return "broken";
    }
    throw error;
  }
}
