export { PROMETHEUS_CONTENT_TYPE } from "../telemetry/index.ts";
export {
  type AdminPaymentFilters,
  adminPaymentFilters,
  paymentsCsv,
} from "./admin/list-payments.ts";
export { handlePaymentReturn, type PaymentReturnOutcome } from "./checkout/payment-return.ts";
export { receiveWebhook, type WebhookResponse } from "./webhooks/receive-webhook.ts";
