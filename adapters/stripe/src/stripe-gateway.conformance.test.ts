import { runGatewayConformance } from "@mentora/payment-gateway/conformance";
import { describeWithSpecs } from "./testing/specs-gate.ts";
import { createStripeHarness } from "./testing/stripe-harness.ts";

describeWithSpecs("Stripe adapter against the spec-validating fake", (specsDir) => {
  runGatewayConformance("stripe", () => createStripeHarness(specsDir));
});
