/**
 * A local fake of the Google Calendar API v3 for tests, as far as Mentora uses it: the calendar
 * list, free/busy, and inserting, patching and deleting events. `@googleapis/calendar` talks to
 * it through its `rootUrl` option (GOOGLE_CALENDAR_API_URL), so the requests are the real
 * client's. Request and response bodies are typed with the client's own published types
 * (`calendar_v3.Schema$*`), so a shape the client would not send or could not read does not
 * compile. Bearer tokens are checked: an unknown or revoked one answers 401 as Google does.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { calendar_v3 } from "@googleapis/calendar";

export interface FakeCalendar {
  id: string;
  summary: string;
  primary?: boolean;
  accessRole?: "owner" | "writer" | "reader" | "freeBusyReader";
  /** Busy periods free/busy reports (events written through the API add theirs). */
  busy: { start: Date; end: Date }[];
}

export interface FakeGoogleCalendar {
  /** The API root to give the client (`rootUrl`). */
  readonly url: string;
  /** Every request, "METHOD /path" in order. */
  readonly requests: string[];
  /** Events written through the API, by calendar id then event id. */
  readonly events: Map<string, Map<string, calendar_v3.Schema$Event>>;
  /** Access token → the calendars of that Google account. */
  grant(accessToken: string, calendars: FakeCalendar[]): void;
  /** The token stops working (revoked at Google): 401 from then on. */
  revoke(accessToken: string): void;
  /** The calendars behind a token (to change busy times during a test). */
  calendarsOf(accessToken: string): FakeCalendar[];
  /** Makes free/busy answer after `ms` (a slow Google). */
  delayFreeBusy(ms: number): void;
  close(): Promise<void>;
}

type Handler = (
  request: { method: string; path: string[]; query: URLSearchParams; body: unknown },
  calendars: FakeCalendar[],
) => { status: number; body?: unknown };

function googleError(status: number, message: string, reason: string) {
  return {
    status,
    body: { error: { code: status, message, errors: [{ message, domain: "global", reason }] } },
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

export async function startFakeGoogleCalendar(): Promise<FakeGoogleCalendar> {
  const grants = new Map<string, FakeCalendar[]>();
  const revoked = new Set<string>();
  const requests: string[] = [];
  const events = new Map<string, Map<string, calendar_v3.Schema$Event>>();
  let freeBusyDelayMs = 0;

  const calendarList: Handler = (_request, calendars) => {
    const body: calendar_v3.Schema$CalendarList = {
      kind: "calendar#calendarList",
      items: calendars.map(
        (entry): calendar_v3.Schema$CalendarListEntry => ({
          kind: "calendar#calendarListEntry",
          id: entry.id,
          summary: entry.summary,
          primary: entry.primary ?? false,
          accessRole: entry.accessRole ?? "owner",
        }),
      ),
    };
    return { status: 200, body };
  };

  const freeBusy: Handler = (request, calendars) => {
    const query = request.body as calendar_v3.Schema$FreeBusyRequest;
    if (!query?.timeMin || !query.timeMax || !Array.isArray(query.items)) {
      return googleError(400, "Missing timeMin, timeMax or items.", "required");
    }
    const from = new Date(query.timeMin);
    const to = new Date(query.timeMax);
    const result: Record<string, calendar_v3.Schema$FreeBusyCalendar> = {};
    for (const item of query.items) {
      const id = item.id ?? "";
      const entry = calendars.find(
        (candidate) => candidate.id === id || (id === "primary" && candidate.primary),
      );
      if (!entry) {
        result[id] = { errors: [{ domain: "global", reason: "notFound" }] };
        continue;
      }
      const written = [...(events.get(entry.id)?.values() ?? [])].map((event) => ({
        start: new Date(event.start?.dateTime ?? 0),
        end: new Date(event.end?.dateTime ?? 0),
      }));
      result[id] = {
        busy: [...entry.busy, ...written]
          .filter((period) => period.start < to && period.end > from)
          .map(
            (period): calendar_v3.Schema$TimePeriod => ({
              start: period.start.toISOString(),
              end: period.end.toISOString(),
            }),
          ),
      };
    }
    const body: calendar_v3.Schema$FreeBusyResponse = {
      kind: "calendar#freeBusy",
      timeMin: from.toISOString(),
      timeMax: to.toISOString(),
      calendars: result,
    };
    return { status: 200, body };
  };

  /** /calendars/{calendarId}/events[/{eventId}] */
  const eventsHandler: Handler = (request, calendars) => {
    const [, rawCalendarId, , eventId] = request.path;
    const calendarId = decodeURIComponent(rawCalendarId ?? "");
    const entry = calendars.find(
      (candidate) => candidate.id === calendarId || (calendarId === "primary" && candidate.primary),
    );
    if (!entry) return googleError(404, "Not Found", "notFound");
    if (entry.accessRole === "reader" || entry.accessRole === "freeBusyReader") {
      return googleError(403, "Forbidden", "requiredAccessLevel");
    }
    const store = events.get(entry.id) ?? new Map<string, calendar_v3.Schema$Event>();
    events.set(entry.id, store);
    if (request.method === "POST" && !eventId) {
      const input = request.body as calendar_v3.Schema$Event;
      if (!input?.start?.dateTime || !input.end?.dateTime) {
        return googleError(400, "Missing start or end time.", "required");
      }
      const id = input.id ?? randomBytes(10).toString("hex");
      if (!/^[0-9a-v]{5,1024}$/.test(id))
        return googleError(400, "Invalid resource id value.", "invalid");
      if (store.has(id))
        return googleError(409, "The requested identifier already exists.", "duplicate");
      const created: calendar_v3.Schema$Event = {
        ...input,
        kind: "calendar#event",
        id,
        status: "confirmed",
        created: new Date().toISOString(),
        updated: new Date().toISOString(),
      };
      store.set(id, created);
      return { status: 200, body: created };
    }
    const existing = eventId ? store.get(decodeURIComponent(eventId)) : undefined;
    if (!eventId || !existing) return googleError(404, "Not Found", "notFound");
    if (request.method === "PATCH") {
      const patch = request.body as calendar_v3.Schema$Event;
      const updated: calendar_v3.Schema$Event = {
        ...existing,
        ...patch,
        updated: new Date().toISOString(),
      };
      store.set(decodeURIComponent(eventId), updated);
      return { status: 200, body: updated };
    }
    if (request.method === "DELETE") {
      store.delete(decodeURIComponent(eventId));
      return { status: 204 };
    }
    return googleError(405, "Method not allowed", "methodNotAllowed");
  };

  function route(method: string, path: string[]): Handler | null {
    const joined = path.join("/");
    if (method === "GET" && joined === "users/me/calendarList") return calendarList;
    if (method === "POST" && joined === "freeBusy") return freeBusy;
    if (path[0] === "calendars" && path[2] === "events" && path.length <= 4) return eventsHandler;
    return null;
  }

  async function answer(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://fake");
    const method = request.method ?? "GET";
    requests.push(`${method} ${url.pathname}`);
    const send = (status: number, body?: unknown) => {
      response.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const prefix = "/calendar/v3/";
    if (!url.pathname.startsWith(prefix)) return send(404, { error: { code: 404 } });
    const token = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const calendars = token && !revoked.has(token) ? grants.get(token) : undefined;
    if (!calendars) {
      const error = googleError(
        401,
        "Request had invalid authentication credentials.",
        "authError",
      );
      return send(error.status, error.body);
    }
    const path = url.pathname.slice(prefix.length).split("/").filter(Boolean);
    const handler = route(method, path);
    if (!handler) return send(404, googleError(404, "Not Found", "notFound").body);
    const body = await readJson(request);
    if (handler === freeBusy && freeBusyDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, freeBusyDelayMs));
    }
    const result = handler({ method, path, query: url.searchParams, body }, calendars);
    send(result.status, result.body);
  }

  const server: Server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: 500, message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    events,
    grant(accessToken, calendars) {
      grants.set(accessToken, calendars);
      revoked.delete(accessToken);
    },
    revoke(accessToken) {
      revoked.add(accessToken);
    },
    calendarsOf(accessToken) {
      return grants.get(accessToken) ?? [];
    },
    delayFreeBusy(ms) {
      freeBusyDelayMs = ms;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
