import { z } from "zod";
import { defineConfigSlice, optionalString, positiveInt } from "../config/slice.ts";

/** Realtime streams (issue #15, decision 031). */
export const realtimeConfig = defineConfigSlice({
  env: {
    // Open streams one person may hold on one web process (tabs, devices); past it: 429.
    REALTIME_MAX_STREAMS_PER_USER: positiveInt(10),
    // The LISTEN connection's URL when DATABASE_URL goes through a transaction pooler
    // (PgBouncer cannot LISTEN); unset: DATABASE_URL.
    REALTIME_LISTEN_URL: optionalString.pipe(z.url().optional()),
  },
  section: (env) => ({
    maxStreamsPerUser: env.REALTIME_MAX_STREAMS_PER_USER,
    listenUrl: env.REALTIME_LISTEN_URL,
  }),
});
