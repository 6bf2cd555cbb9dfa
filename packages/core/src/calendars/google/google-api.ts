import type { calendar_v3 } from "@googleapis/calendar";

/** The scopes "Connect Google Calendar" asks for, on top of sign-in's (incremental consent). */
export const GOOGLE_CALENDAR_SCOPES = [
  // The calendar list (to choose calendars) and free/busy of the chosen ones.
  "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
  "https://www.googleapis.com/auth/calendar.freebusy",
  // Writing sessions as events.
  "https://www.googleapis.com/auth/calendar.events",
];

/**
 * Google refused the credentials (revoked grant, expired refresh token, scope withdrawn): the
 * connection is broken until the mentor reconnects. Retrying would fail the same way.
 */
export class GoogleTokenError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`Google refused the calendar credentials: ${reason}`);
    this.reason = reason;
    this.name = "GoogleTokenError";
  }
}

export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface GoogleCalendarSummary {
  id: string;
  name: string;
  primary: boolean;
  /** Whether events can be written to it (owner or writer). */
  writable: boolean;
}

export interface SessionEvent {
  summary: string;
  description: string;
  location: string;
  start: Date;
  end: Date;
  /** Our id, stored as a private extended property: lets support find an event we wrote. */
  sessionId: string;
}

export interface GoogleCalendarApi {
  listCalendars(accessToken: string): Promise<GoogleCalendarSummary[]>;
  freeBusy(
    accessToken: string,
    query: { calendarIds: string[]; from: Date; to: Date },
  ): Promise<BusyInterval[]>;
  /**
   * Creates the event under our own id (Google accepts client ids in base32hex), so a retry
   * after a lost answer finds it (409) instead of writing a second one: then it is patched.
   */
  insertEvent(
    accessToken: string,
    calendarId: string,
    eventId: string,
    event: SessionEvent,
  ): Promise<void>;
  patchEvent(
    accessToken: string,
    calendarId: string,
    eventId: string,
    event: SessionEvent,
  ): Promise<void>;
  /** Deletes the event; an event already gone (404/410) counts as deleted. */
  deleteEvent(accessToken: string, calendarId: string, eventId: string): Promise<void>;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown; response?: { status?: unknown } } | null)?.status;
  if (typeof status === "number") return status;
  const responseStatus = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof responseStatus === "number" ? responseStatus : undefined;
}

/** 401 is a dead token; 403 with an auth reason is a scope the mentor took back. */
function rethrow(error: unknown): never {
  const status = statusOf(error);
  if (status === 401) throw new GoogleTokenError("unauthenticated");
  if (status === 403) {
    const reason = JSON.stringify(
      (error as { response?: { data?: unknown } }).response?.data ?? "",
    );
    if (/insufficientPermissions|ACCESS_TOKEN_SCOPE_INSUFFICIENT|forbidden/i.test(reason)) {
      throw new GoogleTokenError("insufficient_scope");
    }
  }
  throw error;
}

/** Our event id for a session: base32hex (0-9, a-v), as Google requires of client ids. */
export function googleEventIdOf(sessionId: string): string {
  return `mentora${sessionId.toLowerCase().replace(/[^0-9a-v]/g, "")}`;
}

function eventBody(event: SessionEvent): calendar_v3.Schema$Event {
  return {
    summary: event.summary,
    description: event.description,
    location: event.location,
    start: { dateTime: event.start.toISOString(), timeZone: "UTC" },
    end: { dateTime: event.end.toISOString(), timeZone: "UTC" },
    source: { title: "Mentora", url: event.location },
    extendedProperties: { private: { mentoraSessionId: event.sessionId } },
    // The mentor is busy during a session: it blocks their other calendars' free/busy too.
    transparency: "opaque",
    reminders: { useDefault: true },
  };
}

/**
 * Google Calendar through Google's own client (`@googleapis/calendar`). `rootUrl` is Google's
 * API root, or the tests' fake; `timeoutMs` bounds every call (no retries here: the jobs retry,
 * and a slots read must not wait).
 */
export function createGoogleCalendarApi(options: {
  rootUrl: string;
  timeoutMs: number;
}): GoogleCalendarApi {
  // Google's client loads with the first call, not at every process's start: it is a large
  // module graph (googleapis-common, gaxios, google-auth-library) (decision 066).
  let loading: Promise<calendar_v3.Calendar> | undefined;
  const calendarApi = () => {
    loading ??= import("@googleapis/calendar").then(({ calendar }) =>
      calendar({
        version: "v3",
        rootUrl: options.rootUrl,
        timeout: options.timeoutMs,
        retry: false,
      }),
    );
    return loading;
  };
  const auth = (accessToken: string) => ({
    headers: { Authorization: `Bearer ${accessToken}` },
  });

  const client: GoogleCalendarApi = {
    async listCalendars(accessToken) {
      const api = await calendarApi();
      const calendars: GoogleCalendarSummary[] = [];
      let pageToken: string | undefined;
      try {
        do {
          const { data } = await api.calendarList.list(
            { maxResults: 250, ...(pageToken ? { pageToken } : {}) },
            auth(accessToken),
          );
          for (const entry of data.items ?? []) {
            if (!entry.id) continue;
            calendars.push({
              id: entry.id,
              name: entry.summaryOverride ?? entry.summary ?? entry.id,
              primary: Boolean(entry.primary),
              writable: entry.accessRole === "owner" || entry.accessRole === "writer",
            });
          }
          pageToken = data.nextPageToken ?? undefined;
        } while (pageToken);
      } catch (error) {
        rethrow(error);
      }
      return calendars;
    },

    async freeBusy(accessToken, query) {
      if (query.calendarIds.length === 0) return [];
      const api = await calendarApi();
      const requestBody: calendar_v3.Schema$FreeBusyRequest = {
        timeMin: query.from.toISOString(),
        timeMax: query.to.toISOString(),
        timeZone: "UTC",
        items: query.calendarIds.map((id) => ({ id })),
      };
      let data: calendar_v3.Schema$FreeBusyResponse;
      try {
        ({ data } = await api.freebusy.query({ requestBody }, auth(accessToken)));
      } catch (error) {
        rethrow(error);
      }
      const busy: BusyInterval[] = [];
      for (const entry of Object.values(data.calendars ?? {})) {
        // A calendar Google could not read (deleted, no longer shared) has `errors`: its busy
        // times are unknown, which is not a broken connection; the others still count.
        if (entry.errors?.length) continue;
        for (const period of entry.busy ?? []) {
          if (!period.start || !period.end) continue;
          const start = new Date(period.start);
          const end = new Date(period.end);
          if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
            continue;
          }
          busy.push({ start, end });
        }
      }
      return busy;
    },

    async insertEvent(accessToken, calendarId, eventId, event) {
      const api = await calendarApi();
      try {
        await api.events.insert(
          { calendarId, requestBody: { ...eventBody(event), id: eventId }, sendUpdates: "none" },
          auth(accessToken),
        );
      } catch (error) {
        if (statusOf(error) !== 409) rethrow(error);
        // Already there (an earlier attempt whose answer was lost): bring it up to date.
        await client.patchEvent(accessToken, calendarId, eventId, event);
      }
    },

    async patchEvent(accessToken, calendarId, eventId, event) {
      const api = await calendarApi();
      try {
        await api.events.patch(
          { calendarId, eventId, requestBody: eventBody(event), sendUpdates: "none" },
          auth(accessToken),
        );
      } catch (error) {
        rethrow(error);
      }
    },

    async deleteEvent(accessToken, calendarId, eventId) {
      const api = await calendarApi();
      try {
        await api.events.delete({ calendarId, eventId, sendUpdates: "none" }, auth(accessToken));
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || status === 410) return;
        rethrow(error);
      }
    },
  };
  return client;
}
