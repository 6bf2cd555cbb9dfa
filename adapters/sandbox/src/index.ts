export { handleSandboxCheckout } from "./checkout-page/handle-sandbox-checkout.ts";
export { gatewayFactory, sandboxEnv, sandboxOptionsFromEnv } from "./sandbox-env.ts";
export type { SandboxEventPayload } from "./sandbox-events.ts";
export { createSandboxGateway } from "./sandbox-gateway.ts";
export {
  defaultSandboxWebhookUrl,
  type SandboxDelivery,
  type SandboxOptions,
  sandboxCheckoutUrl,
} from "./sandbox-options.ts";
export type {
  SandboxPaymentRecord,
  SandboxPaymentStatus,
  SandboxPayoutRecord,
  SandboxRefundRecord,
} from "./sandbox-records.ts";
export { createMemorySandboxStore, type SandboxStore, sandboxStoreOn } from "./sandbox-store.ts";
export {
  sandboxSignatureHeader,
  signatureToleranceSeconds,
  signSandboxPayload,
  verifySandboxSignature,
} from "./webhook-signature.ts";
