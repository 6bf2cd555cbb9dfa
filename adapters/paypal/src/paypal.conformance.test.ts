import { runGatewayConformance } from "@mentora/payment-gateway/conformance";
import { describe, it } from "vitest";
import { createPayPalHarness, generateWebhookKeys } from "./testing/paypal-harness.ts";
import { paypalSpecsDir, skipReason } from "./testing/specs.ts";

const specsDir = paypalSpecsDir();

if (specsDir) {
  const keys = generateWebhookKeys();
  runGatewayConformance("paypal", () => createPayPalHarness(specsDir, keys));
} else {
  describe.skip(`paypal conformance: ${skipReason}`, () => {
    it("needs the PayPal specs", () => {});
  });
}
