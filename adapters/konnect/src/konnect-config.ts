export const konnectProductionUrl = "https://api.konnect.network/api/v2/";
export const konnectSandboxUrl = "https://api.preprod.konnect.network/api/v2/";

/** The payment methods Konnect documents for init-payment. */
export const konnectPaymentMethods = ["wallet", "bank_card", "e-DINAR", "flouci"] as const;
export type KonnectPaymentMethod = (typeof konnectPaymentMethods)[number];

/** Currencies Konnect takes; amounts go out in their minor units (TND millimes, cents). */
export const konnectCurrencies = ["TND", "EUR", "USD"] as const;

export interface KonnectGatewayConfig {
  apiKey: string;
  receiverWalletId: string;
  /** Defaults to production; the preprod URL is konnectSandboxUrl. */
  baseUrl?: string;
  /** Upper bound on a checkout's lifespan in minutes (default 30). */
  lifespanMinutes?: number;
  timeoutMs: number;
  acceptedPaymentMethods?: readonly KonnectPaymentMethod[];
  now?: () => Date;
}

export const defaultLifespanMinutes = 30;
export const defaultPaymentMethods: readonly KonnectPaymentMethod[] = [
  "bank_card",
  "wallet",
  "e-DINAR",
];

/** The base URL with exactly one trailing slash, so relative paths resolve under /api/v2/. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
}
