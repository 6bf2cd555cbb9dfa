export {
  createFailureAlerter,
  type FailureAlert,
  type FailureAlerter,
  type FailureAlerterOptions,
  type PostAlertWebhookOptions,
  postAlertWebhook,
} from "./alerts.ts";
export { type AppMetrics, appMetricNames, createAppMetrics } from "./app-metrics.ts";
export {
  createHttpRequestObserver,
  createRouteLabeler,
  createRouteMatcher,
  type ManifestRoute,
  UNMATCHED_ROUTE,
} from "./http-routes.ts";
export {
  type Counter,
  createMetrics,
  type Gauge,
  type Histogram,
  type LabelValues,
  type Metrics,
  PROMETHEUS_CONTENT_TYPE,
} from "./metrics.ts";
export {
  classifyGatewayError,
  createPaymentMetrics,
  type GatewayCallOutcome,
  type GatewayOperation,
  gatewayCallDurationBuckets,
  type PaymentMetrics,
  paymentMetricNames,
  timeGatewayCall,
  type WebhookRejectReason,
} from "./payment-metrics.ts";
export type { AppTelemetry } from "./telemetry.ts";
export {
  activeTraceIds,
  currentTraceCarrier,
  inSpan,
  markActiveSpanFailed,
  SpanKind,
  TRACE_CONTEXT_KEY,
  takeTraceContext,
  withTraceContext,
} from "./trace-context.ts";
