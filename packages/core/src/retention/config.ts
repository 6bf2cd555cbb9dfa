import { defineConfigSlice, positiveInt } from "../config/slice.ts";

/** Retention (money paths, decision 015): ledger, payments and invoices are kept. */
export const retentionConfig = defineConfigSlice({
  env: {
    RETENTION_WEBHOOK_DAYS: positiveInt(90),
    RETENTION_SESSION_DAYS: positiveInt(30),
  },
  section: (env) => ({
    /** Processed payment webhooks and video callbacks older than this are deleted daily. */
    webhookMs: env.RETENTION_WEBHOOK_DAYS * 86_400_000,
    /** Sign-in sessions this long past their expiry are deleted daily. */
    expiredSessionMs: env.RETENTION_SESSION_DAYS * 86_400_000,
  }),
});
