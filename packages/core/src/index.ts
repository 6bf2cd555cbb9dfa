// Activity feeds (issue #15): the one-off backfill `pnpm mentora activity:backfill` runs.
export { backfillActivity } from "./activity/index.ts";
export { type App, type AppServices, createApp } from "./app/index.ts";
export { jobHandlers } from "./app/job-handlers.ts";
export { jobQueues } from "./app/job-queues.ts";
export {
  type Auth,
  type AuthSession,
  authResponse,
  createAuth,
  hasPassedSecondFactor,
  isFreshSession,
  MAX_NAME_LENGTH,
  MAX_PASSKEY_NAME_LENGTH,
  safeRedirectPath,
} from "./auth/index.ts";
export { CLIENT_IP_HEADER, clientIp, withClientIpHeader } from "./client-ip/index.ts";
export { type Config, ConfigError, loadConfig, loadConfigOrExit } from "./config/index.ts";
export { AppError, type AppErrorCode, appError, errorCodeOf } from "./errors/index.ts";
export { createQueues } from "./jobs/index.ts";
export { createJobRunner } from "./jobs/runner.ts";
export { createLogger, type Logger } from "./logger/index.ts";
export { requestMatches } from "./matching/index.ts";
export { createRateLimits, retryAfterOf } from "./rate-limits/index.ts";
export { admitRealtimeStream, latestRealtimeSeq, realtimeStreamPath } from "./realtime/index.ts";
export { metricsRequestAllowed } from "./telemetry/metrics-access.ts";
export {
  type AppRouter,
  appRouter,
  type Context,
  createCaller,
  createContext,
  publicApiBasePath,
  publicApiDocs,
  publicApiDocument,
  publicApiResponse,
  toUserFacingError,
  type UserFacingError,
} from "./trpc/index.ts";
