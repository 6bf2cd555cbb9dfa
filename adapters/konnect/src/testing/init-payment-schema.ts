/**
 * POST /payments/init-payment as Konnect documents it (see shared/notes/vendors.md): only these
 * fields, receiverWalletId and amount required. Konnect publishes no OpenAPI file, so this is
 * written from its field list; unknown fields are refused so a typo cannot pass unnoticed.
 */
export const initPaymentSchema = {
  type: "object",
  additionalProperties: false,
  required: ["receiverWalletId", "amount"],
  properties: {
    receiverWalletId: { type: "string", minLength: 1 },
    token: { type: "string", enum: ["TND", "EUR", "USD"] },
    amount: { type: "integer", minimum: 1 },
    type: { type: "string", enum: ["immediate", "partial"] },
    description: { type: "string" },
    acceptedPaymentMethods: {
      type: "array",
      items: { type: "string", enum: ["wallet", "bank_card", "e-DINAR", "flouci"] },
      uniqueItems: true,
    },
    lifespan: { type: "integer", minimum: 1 },
    checkoutForm: { type: "boolean" },
    addPaymentFeesToAmount: { type: "boolean" },
    firstName: { type: "string" },
    lastName: { type: "string" },
    phoneNumber: { type: "string" },
    email: { type: "string", format: "email" },
    orderId: { type: "string" },
    webhook: { type: "string", format: "uri" },
    silentWebhook: { type: "boolean" },
    successUrl: { type: "string", format: "uri" },
    failUrl: { type: "string", format: "uri" },
    theme: { type: "string", enum: ["light", "dark"] },
  },
} as const;
