export { PROMETHEUS_CONTENT_TYPE } from "@mentora/telemetry";
export {
  type AdminPaymentFilters,
  adminPaymentFilters,
  paymentsCsv,
} from "./admin/list-payments.ts";
export { expirePaymentQueue } from "./checkout/expire-payment.queue.ts";
export { handlePaymentReturn, type PaymentReturnOutcome } from "./checkout/payment-return.ts";
export { startBookingPayment, startWalletTopUp } from "./checkout/start-payment.ts";
export { type PaymentRoute, paymentsConfig } from "./config.ts";
export { paymentFailed, paymentRefunded, paymentSettled, webhookFailed } from "./events.ts";
export { callGateway } from "./gateway-call.ts";
export { createPgKeyValueStore } from "./gateway-state/index.ts";
export { executeRefundQueue } from "./refunds/execute-refund.queue.ts";
export { refundMentorNoShow } from "./refunds/mentor-no-show.ts";
export {
  refundPayment,
  refundPaymentInTransaction,
  settleCancelledBooking,
} from "./refunds/refund-payment.ts";
export { type GatewayRegistry, loadGatewayRegistry } from "./registry/index.ts";
export { lockPayment, settlePayment } from "./settlement/settle-payment.ts";
export type { WebhookEventHandlers } from "./webhooks/process-webhook.job.ts";
export { processWebhookQueue } from "./webhooks/process-webhook.queue.ts";
export {
  receiveWebhook,
  sourceLimited,
  type WebhookDelivery,
  type WebhookResponse,
} from "./webhooks/receive-webhook.ts";
