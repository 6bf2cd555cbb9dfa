import { defineConfigSlice, positiveInt } from "../config/slice.ts";

/** Notifications (issue #15, decision 033). */
export const notificationsConfig = defineConfigSlice({
  env: {
    // Notifications older than this are deleted by the daily retention job.
    NOTIFICATION_RETENTION_DAYS: positiveInt(365),
  },
  section: (env) => ({
    /** How long a notification is kept (read or not). */
    retentionMs: env.NOTIFICATION_RETENTION_DAYS * 86_400_000,
  }),
});
