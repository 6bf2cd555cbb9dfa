export { callWithRetry, defaultRetryPolicy, type RetryPolicy } from "./call-with-retry.ts";
export {
  GatewayError,
  type GatewayErrorKind,
  isGatewayError,
  parseRetryAfter,
  WebhookVerificationError,
} from "./errors.ts";
export type { GatewayWebhookEvent, GatewayWebhookEventType } from "./events.ts";
export type {
  CheckoutSession,
  CreateCheckoutInput,
  CreatePayoutAccountInput,
  FindPayoutInput,
  GatewayCapabilities,
  GatewayFactory,
  OnboardingLinkInput,
  PaymentGateway,
  PayoutAccountOnboarding,
  PayoutAccountStatus,
  PayoutDestination,
  PayoutInput,
  ProviderPayment,
  ProviderPaymentStatus,
  ProviderPayout,
  ProviderPayoutAccount,
  RefundInput,
  RefundResult,
  WebhookRequest,
} from "./gateway.ts";
export { idempotencyKey } from "./idempotency.ts";
export { createMemoryKeyValueStore } from "./memory-key-value-store.ts";
export {
  type CurrencyCode,
  currencyCodes,
  currencyExponents,
  decimalStringToMinor,
  displayExponent,
  exponentOf,
  formatMinorAmount,
  fromDecimalString,
  isSupportedCurrency,
  type Money,
  minorToDecimalString,
  money,
  sameCurrency,
  toDecimalString,
} from "./money.ts";
export {
  type GatewayLogger,
  type GatewayRouteHandler,
  type GatewayRoutes,
  type GatewayRuntime,
  gatewayRoutePath,
  type JsonValue,
  type KeyValueEntry,
  type KeyValueStore,
  type KeyValueWriteOptions,
  type OutgoingWebhook,
} from "./runtime.ts";
