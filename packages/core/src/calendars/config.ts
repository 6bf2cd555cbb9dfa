import { z } from "zod";
import { defineConfigSlice, optionalString, positiveInt } from "../config/slice.ts";

/** Calendars (issue #18, decision 050): Google Calendar for mentors. */
export const calendarsConfig = defineConfigSlice({
  env: {
    // Google Calendar API root (the tests' local fake); unset: Google's own.
    GOOGLE_CALENDAR_API_URL: optionalString.pipe(z.url().optional()),
    // Busy times read from Google are trusted this long before a slots read refreshes them.
    GOOGLE_CALENDAR_BUSY_TTL_SECONDS: positiveInt(300),
    // A refresh made while someone waits for slots gives up after this (the cache answers).
    GOOGLE_CALENDAR_TIMEOUT_MS: positiveInt(2000),
  },
  section: (env) => ({
    googleApiUrl: env.GOOGLE_CALENDAR_API_URL ?? "https://www.googleapis.com/",
    busyTtlMs: env.GOOGLE_CALENDAR_BUSY_TTL_SECONDS * 1000,
    timeoutMs: env.GOOGLE_CALENDAR_TIMEOUT_MS,
  }),
});
