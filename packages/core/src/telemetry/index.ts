export {
  createFailureAlerter,
  type FailureAlert,
  type FailureAlerter,
  type FailureAlerterOptions,
  type PostAlertWebhookOptions,
  postAlertWebhook,
} from "./alerts.ts";
export {
  type Counter,
  createMetrics,
  escapeLabelValue,
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
