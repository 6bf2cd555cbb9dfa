export {
  type FakeKonnect,
  type FakeKonnectOperation,
  type RecordedKonnectRequest,
  startFakeKonnect,
} from "./fake-konnect.ts";
export type { FakeKonnectPayment, FakeKonnectTransaction } from "./fake-konnect-payments.ts";
export { initPaymentSchema } from "./init-payment-schema.ts";
