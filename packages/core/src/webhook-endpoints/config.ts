import { defineConfigSlice, positiveInt } from "../config/slice.ts";

/**
 * Outgoing webhooks (decision 053): how long one POST may take, and how long an endpoint may
 * keep failing before it is turned off and its owner told.
 */
export const webhookEndpointsConfig = defineConfigSlice({
  env: {
    WEBHOOK_DELIVERY_TIMEOUT_MS: positiveInt(10_000),
    WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS: positiveInt(72),
  },
  section: (env, { production }) => ({
    timeoutMs: env.WEBHOOK_DELIVERY_TIMEOUT_MS,
    disableAfterHours: env.WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS,
    /** The SSRF policy: https and public addresses only in production. */
    urlPolicy: { production },
  }),
});
