/**
 * Calendars (issue #18, decision 050): each person's private iCalendar subscription feed, and
 * mentors' Google Calendar (busy times blocking slots, sessions written to a calendar).
 * trpc/router.ts mounts ./router.ts.
 */

export { calendarsConfig } from "./config.ts";
export { calendarFeed } from "./feed/calendar-feed.ts";
export { FEED_TOKEN_PATTERN, feedUrl, rotateFeedToken } from "./feed/feed-token.ts";
export { markConnectionBroken, refreshBusy, refreshStaleBusy } from "./google/busy.ts";
export {
  GOOGLE_CALENDAR_SCOPES,
  GoogleTokenError,
} from "./google/google-api.ts";
export { refreshBusyQueue } from "./google/refresh-busy.queue.ts";
export { syncSessionEvent } from "./google/session-events.ts";
