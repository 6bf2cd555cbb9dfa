/**
 * Calendars (issue #18, decision 050): each person's private iCalendar subscription feed, and
 * mentors' Google Calendar (busy times blocking slots, sessions written to a calendar).
 * trpc/router.ts mounts ./router.ts.
 */
export { calendarFeed } from "./feed/calendar-feed.ts";
export { FEED_TOKEN_PATTERN, feedUrl, rotateFeedToken } from "./feed/feed-token.ts";
