import type { PaymentGateway, ProviderPayment } from "@mentora/payment-gateway";
import { handleSandboxCheckout } from "./checkout-page/handle-sandbox-checkout.ts";
import { createSandboxCheckout } from "./sandbox-checkout.ts";
import { eventsFromPayload } from "./sandbox-events.ts";
import {
  defaultSandboxWebhookUrl,
  nowOf,
  type SandboxOptions,
  sandboxCheckoutRoute,
} from "./sandbox-options.ts";
import { createSandboxPayout, findSandboxPayout } from "./sandbox-payouts.ts";
import { refundSandboxPayment } from "./sandbox-refund.ts";
import { paymentNotFound, providerStatusOf, readStore, refundedMinor } from "./store-calls.ts";
import { sandboxSignatureHeader, verifySandboxSignature } from "./webhook-signature.ts";

function headerOf(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  // node's and fetch's headers come lower-cased: looked up directly, else by any spelling.
  if (Object.hasOwn(headers, name)) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** The built-in gateway: its "provider" is our own web app (checkout page + signed webhooks). */
export function createSandboxGateway(options: SandboxOptions): PaymentGateway {
  return {
    id: "sandbox",
    capabilities: {
      // Anyone may press Pay and nothing is charged: production refuses it.
      movesMoney: false,
      hostedCheckout: true,
      refunds: true,
      partialRefunds: true,
      payouts: true,
    },

    createCheckout: (input) => createSandboxCheckout(options, input),

    async getPayment(providerPaymentId): Promise<ProviderPayment> {
      const record = await readStore(() => options.store.getPayment(providerPaymentId));
      if (!record) throw paymentNotFound(providerPaymentId);
      return {
        providerPaymentId: record.id,
        status: providerStatusOf(record, nowOf(options)),
        amount: record.amount,
        amountRefunded: { amountMinor: refundedMinor(record), currency: record.amount.currency },
        paymentId: record.paymentId,
      };
    },

    refund: (input) => refundSandboxPayment(options, input),

    createPayout: (input) => createSandboxPayout(options, input, defaultSandboxWebhookUrl(options)),

    findPayout: ({ idempotencyKey }) => findSandboxPayout(options, idempotencyKey),

    async parseWebhook(request) {
      const header = headerOf(request.headers, sandboxSignatureHeader);
      verifySandboxSignature(header, request.rawBody, options.webhookSecret, nowOf(options));
      return eventsFromPayload(request.rawBody);
    },
    // The hosted checkout, mounted by the app at /gateways/sandbox/checkout/:id.
    routes: { [sandboxCheckoutRoute]: (request) => handleSandboxCheckout(request, options) },
  };
}
