export { PROMETHEUS_CONTENT_TYPE } from "@mentora/telemetry";
export {
  type AdminPaymentFilters,
  adminPaymentFilters,
  paymentsCsv,
} from "./admin/list-payments.ts";
export { handlePaymentReturn, type PaymentReturnOutcome } from "./checkout/payment-return.ts";
export { paymentRefunded, paymentSettled } from "./events.ts";
export { refundMentorNoShow } from "./refunds/mentor-no-show.ts";
export { receiveWebhook, type WebhookResponse } from "./webhooks/receive-webhook.ts";
