import { type CreateCheckoutInput, GatewayError } from "@mentora/payment-gateway";
import { type KonnectPaymentMethod, konnectCurrencies } from "./konnect-config.ts";

/** The body of POST /payments/init-payment, limited to the fields Konnect documents. */
export interface InitPaymentBody {
  receiverWalletId: string;
  token: string;
  amount: number;
  type: "immediate";
  description: string;
  acceptedPaymentMethods: KonnectPaymentMethod[];
  lifespan: number;
  checkoutForm: boolean;
  addPaymentFeesToAmount: false;
  firstName?: string;
  lastName?: string;
  email?: string;
  orderId: string;
  webhook?: string;
  successUrl: string;
  failUrl: string;
}

export interface InitPaymentSettings {
  receiverWalletId: string;
  maxLifespanMinutes: number;
  acceptedPaymentMethods: readonly KonnectPaymentMethod[];
}

/** Whole minutes, at least 1, rounded down so Konnect's page never outlives our booking hold. */
export function lifespanMinutes(requested: number, max: number): number {
  return Math.max(1, Math.min(Math.floor(requested), Math.floor(max)));
}

export function initPaymentBody(
  input: CreateCheckoutInput,
  settings: InitPaymentSettings,
): InitPaymentBody {
  const { amountMinor, currency } = input.amount;
  if (!(konnectCurrencies as readonly string[]).includes(currency)) {
    throw new GatewayError(
      "permanent",
      "konnect",
      "unsupported_currency",
      `Konnect takes no ${currency}`,
    );
  }
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new GatewayError(
      "permanent",
      "konnect",
      "invalid_amount",
      "Konnect needs a positive amount",
    );
  }
  const [firstName, ...rest] = (input.customer?.name ?? "").trim().split(/\s+/).filter(Boolean);
  const lastName = rest.join(" ");
  const email = input.customer?.email;
  return {
    receiverWalletId: settings.receiverWalletId,
    token: currency,
    // Money is already in the currency's minor units: millimes for TND, cents for EUR/USD.
    amount: amountMinor,
    type: "immediate",
    description: input.description,
    acceptedPaymentMethods: [...settings.acceptedPaymentMethods],
    lifespan: lifespanMinutes(input.expiresInMinutes, settings.maxLifespanMinutes),
    // Konnect's own form only when we cannot tell it who pays.
    checkoutForm: !(firstName && email),
    addPaymentFeesToAmount: false,
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(email ? { email } : {}),
    orderId: input.paymentId,
    ...(input.webhookUrl ? { webhook: input.webhookUrl } : {}),
    successUrl: input.successUrl,
    failUrl: input.cancelUrl,
  };
}
