import { z } from "zod";
import { accountsConfig, authConfig } from "../auth/config.ts";
import { bookingsConfig } from "../bookings/config.ts";
import { calendarsConfig } from "../calendars/config.ts";
import { networkConfig } from "../client-ip/config.ts";
import { invoicesConfig } from "../invoices/config.ts";
import { mentorsConfig } from "../mentors/config.ts";
import { moderationConfig } from "../moderation/config.ts";
import { notificationsConfig } from "../notifications/config.ts";
import { paymentsConfig } from "../payments/config.ts";
import { payoutsConfig } from "../payouts/config.ts";
import { rateLimitsConfig } from "../rate-limits/config.ts";
import { realtimeConfig } from "../realtime/config.ts";
import { retentionConfig } from "../retention/config.ts";
import { videoConfig } from "../video/config.ts";
import { webhookEndpointsConfig } from "../webhook-endpoints/config.ts";
import { appConfig, workerConfig } from "./app.ts";
import { databaseConfig } from "./database.ts";
import { emailConfig } from "./email.ts";
import { fileStorageConfig } from "./files.ts";
import { moneyPathsConfig } from "./money-paths.ts";
import type { ConfigContext } from "./slice.ts";
import { alertsConfig, telemetryConfig } from "./telemetry.ts";

export { DEV_AUTH_SECRET } from "../auth/config.ts";
export { VAT_EXEMPTION_MENTION } from "../invoices/config.ts";
export type { PaymentRoute } from "../payments/config.ts";

/**
 * The configuration, one slice per domain (decision 023): each slice declares its environment
 * variables, its rules and its nested section; the parsed config is these sections only.
 * The order is the order of the start-up message (the auth secret first).
 */
const slices = {
  auth: authConfig,
  app: appConfig,
  database: databaseConfig,
  email: emailConfig,
  fileStorage: fileStorageConfig,
  telemetry: telemetryConfig,
  payments: paymentsConfig,
  invoices: invoicesConfig,
  video: videoConfig,
  accounts: accountsConfig,
  mentors: mentorsConfig,
  bookings: bookingsConfig,
  payouts: payoutsConfig,
  moneyPaths: moneyPathsConfig,
  alerts: alertsConfig,
  network: networkConfig,
  rateLimits: rateLimitsConfig,
  retention: retentionConfig,
  worker: workerConfig,
  moderation: moderationConfig,
  realtime: realtimeConfig,
  notifications: notificationsConfig,
  webhookEndpoints: webhookEndpointsConfig,
  calendars: calendarsConfig,
};

/**
 * Every environment variable Mentora reads, with its default. `.env.example` lists the same
 * names; a test keeps the two in step.
 */
const environmentShape = {
  ...appConfig.env,
  ...databaseConfig.env,
  ...authConfig.env,
  ...accountsConfig.env,
  ...emailConfig.env,
  ...fileStorageConfig.env,
  ...telemetryConfig.env,
  ...alertsConfig.env,
  ...workerConfig.env,
  ...mentorsConfig.env,
  ...bookingsConfig.env,
  ...paymentsConfig.env,
  ...payoutsConfig.env,
  ...moneyPathsConfig.env,
  ...videoConfig.env,
  ...invoicesConfig.env,
  ...networkConfig.env,
  ...rateLimitsConfig.env,
  ...retentionConfig.env,
  // AI: moderation and matching (issue #16)
  ...moderationConfig.env,
  // Realtime (issue #15)
  ...realtimeConfig.env,
  // Notifications (issue #15, rt-notify)
  ...notificationsConfig.env,
  // Outgoing webhooks (issue #18, s6-webhooks)
  ...webhookEndpointsConfig.env,
  // Calendars (issue #18)
  ...calendarsConfig.env,
};

type Environment = z.output<z.ZodObject<typeof environmentShape>>;

const contextOf = (env: Pick<Environment, "NODE_ENV">): ConfigContext => ({
  production: env.NODE_ENV === "production",
});

export const configSchema = z
  .object(environmentShape)
  .superRefine(
    (env, ctx) => {
      const context = contextOf(env);
      for (const slice of Object.values(slices)) {
        // Each slice reads only its own variables; the whole environment holds them.
        slice.check?.(env, ctx, context);
      }
    },
    // Also when some variable is malformed: the one start-up message must name every problem,
    // not only the shape errors (values may then be unparsed, so the checks only test presence).
    { when: () => true },
  )
  .transform((env) => {
    const context = contextOf(env);
    return {
      app: slices.app.section(env, context),
      database: slices.database.section(env, context),
      auth: slices.auth.section(env, context),
      accounts: slices.accounts.section(env, context),
      email: slices.email.section(env, context),
      fileStorage: slices.fileStorage.section(env, context),
      telemetry: slices.telemetry.section(env, context),
      alerts: slices.alerts.section(env, context),
      worker: slices.worker.section(env, context),
      mentors: slices.mentors.section(env, context),
      bookings: slices.bookings.section(env, context),
      payments: slices.payments.section(env, context),
      payouts: slices.payouts.section(env, context),
      moneyPaths: slices.moneyPaths.section(env, context),
      video: slices.video.section(env, context),
      invoices: slices.invoices.section(env, context),
      network: slices.network.section(env, context),
      rateLimits: slices.rateLimits.section(env, context),
      retention: slices.retention.section(env, context),
      moderation: slices.moderation.section(env, context),
      realtime: slices.realtime.section(env, context),
      notifications: slices.notifications.section(env, context),
      webhookEndpoints: slices.webhookEndpoints.section(env, context),
      calendars: slices.calendars.section(env, context),
    };
  });

export type Config = z.output<typeof configSchema>;
export const configVariableNames = Object.keys(environmentShape).sort();
