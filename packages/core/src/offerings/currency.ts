import { z } from "zod";

/**
 * The currencies Mentora sells in, with their ISO 4217 exponent: how many minor units make one
 * major unit is 10^exponent (EUR 2 → cents, TND 3 → millimes, JPY 0 → no minor unit). Every
 * price is an integer of minor units of one of these.
 */
export const currencyExponents = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  MAD: 2,
  TND: 3,
  JPY: 0,
} as const;

export type CurrencyCode = keyof typeof currencyExponents;

export const currencyCodes = Object.keys(currencyExponents) as [CurrencyCode, ...CurrencyCode[]];

export function isSupportedCurrency(code: string): code is CurrencyCode {
  return Object.hasOwn(currencyExponents, code);
}

export function currencyExponent(code: CurrencyCode): number {
  return currencyExponents[code];
}

/** An allowed ISO 4217 code, exactly as stored ("EUR", not "eur"). */
export const currencySchema = z.enum(currencyCodes);

/** Prices are stored in an int4 column: keep them inside it (and never negative; 0 = free). */
export const maxPriceMinor = 2_147_483_647;

export const priceMinorSchema = z.number().int().min(0).max(maxPriceMinor);

/** "€49.00", "49,000 DT", "¥5,000": minor units shown with the currency's own exponent. */
export function formatMinorAmount(priceMinor: number, currency: string, locale: string): string {
  const digits = isSupportedCurrency(currency) ? currencyExponent(currency) : 2;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(priceMinor / 10 ** digits);
}
