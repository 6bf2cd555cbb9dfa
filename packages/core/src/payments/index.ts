export { PROMETHEUS_CONTENT_TYPE } from "../telemetry/index.ts";
export {
  type AdminPaymentFilters,
  adminPaymentFilters,
  csvField,
  paymentsCsv,
} from "./admin/list-payments.ts";
export { expirePaymentJob } from "./checkout/expire-payment.job.ts";
export { handlePaymentReturn, type PaymentReturnOutcome } from "./checkout/payment-return.ts";
export { startBookingPayment, startWalletTopUp } from "./checkout/start-payment.ts";
export { callGateway } from "./gateway-call.ts";
export { executeRefundJob } from "./refunds/execute-refund.job.ts";
export {
  refundPayment,
  refundPaymentInTransaction,
  settleCancelledBooking,
} from "./refunds/refund-payment.ts";
export { type GatewayRegistry, loadGatewayRegistry } from "./registry/index.ts";
export { createDbSandboxStore } from "./sandbox/db-sandbox-store.ts";
export { lockPayment, settlePayment } from "./settlement/settle-payment.ts";
export { processWebhookJob, registerWebhookEventHandler } from "./webhooks/process-webhook.job.ts";
export { receiveWebhook, sourceLimited, type WebhookResponse } from "./webhooks/receive-webhook.ts";
