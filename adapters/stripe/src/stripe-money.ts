import { GatewayError, type Money } from "@mentora/payment-gateway";

/**
 * Currencies we route to Stripe. For each, Stripe's "smallest currency unit" is our minor unit
 * (cents; yen for zero-decimal JPY), so amounts pass through unchanged. TND is not a Stripe
 * currency (Konnect handles it); Stripe's three-decimal currencies (KWD, BHD…) would need the
 * last digit to be 0, which is why none is listed.
 */
export const STRIPE_CURRENCIES = ["EUR", "USD", "GBP", "CHF", "CAD", "JPY"] as const;

export function toStripeCurrency(money: Money): string {
  if (!(STRIPE_CURRENCIES as readonly string[]).includes(money.currency)) {
    throw new GatewayError(
      "permanent",
      "stripe",
      "currency_not_supported",
      `Stripe does not take ${money.currency} here (supported: ${STRIPE_CURRENCIES.join(", ")})`,
    );
  }
  return money.currency.toLowerCase();
}

export function fromStripeAmount(
  amount: number | null | undefined,
  currency: string | null | undefined,
): Money {
  return { amountMinor: amount ?? 0, currency: (currency ?? "").toUpperCase() };
}
