export { handleSandboxCheckout } from "./checkout-page/handle-sandbox-checkout.ts";
export {
  createSandboxGatewayFactory,
  type SandboxRuntimeDeps,
  sandboxEnv,
  sandboxOptionsFromEnv,
} from "./sandbox-env.ts";
export type { SandboxEventPayload } from "./sandbox-events.ts";
export { createSandboxGateway } from "./sandbox-gateway.ts";
export {
  defaultSandboxWebhookUrl,
  type SandboxDelivery,
  type SandboxOptions,
} from "./sandbox-options.ts";
export type {
  SandboxPaymentRecord,
  SandboxPaymentStatus,
  SandboxPayoutRecord,
  SandboxRefundRecord,
} from "./sandbox-records.ts";
export { createMemorySandboxStore, type SandboxStore } from "./sandbox-store.ts";
export {
  sandboxSignatureHeader,
  signatureToleranceSeconds,
  signSandboxPayload,
  verifySandboxSignature,
} from "./webhook-signature.ts";
