import {
  type CurrencyCode,
  currencyCodes,
  currencyExponents,
  exponentOf,
  formatMinorAmount,
  isSupportedCurrency,
} from "@mentora/payment-gateway";
import { z } from "zod";

// The currency table and formatting live in @mentora/payment-gateway's money module (decision
// 023); this file only adds what offerings validate.
export {
  type CurrencyCode,
  currencyCodes,
  currencyExponents,
  formatMinorAmount,
  isSupportedCurrency,
};

/** The ISO 4217 exponent of an allowed currency: 10^exponent minor units make one major unit. */
export function currencyExponent(code: CurrencyCode): number {
  return exponentOf(code);
}

/** An allowed ISO 4217 code, exactly as stored ("EUR", not "eur"). */
export const currencySchema = z.enum(currencyCodes);

/** Prices are stored in an int4 column: keep them inside it (and never negative; 0 = free). */
export const maxPriceMinor = 2_147_483_647;

export const priceMinorSchema = z.number().int().min(0).max(maxPriceMinor);
