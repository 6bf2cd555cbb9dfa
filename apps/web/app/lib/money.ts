import {
  decimalStringToMinor,
  displayExponent,
  formatMinorAmount,
  minorToDecimalString,
} from "@mentora/payment-gateway/money";

// The currency table and the string math live in @mentora/payment-gateway's money module
// (decision 023); the web adds only what its forms and lists need.
export { decimalStringToMinor, minorToDecimalString };

/** The decimals a currency shows (EUR 2, TND 3, JPY 0; Intl for a code Mentora does not sell in). */
export function currencyDigits(currency: string): number {
  return displayExponent(currency);
}

/** "€35.00", "90,000 DT", "¥5,000"; "Free" (the given word) for 0. Exact: Intl formats a string. */
export function formatMoney(
  priceMinor: number,
  currency: string,
  locale: string,
  freeLabel?: string,
): string {
  if (priceMinor === 0 && freeLabel) return freeLabel;
  return formatMinorAmount(priceMinor, currency, locale);
}

/** "€20.00 – €60.00", or one price when both ends are equal. */
export function formatMoneyRange(
  minMinor: number,
  maxMinor: number,
  currency: string,
  locale: string,
  freeLabel?: string,
): string {
  const min = formatMoney(minMinor, currency, locale, freeLabel);
  if (minMinor === maxMinor) return min;
  return `${min} – ${formatMoney(maxMinor, currency, locale, freeLabel)}`;
}

/**
 * A price typed by a person ("35", "35.5", "35,50", "1 200") as minor units of the currency;
 * null when it is not a valid non-negative amount with at most the currency's decimals.
 */
export function parseMoneyInput(input: string, currency: string): number | null {
  if (input.trim() === "") return null;
  return decimalStringToMinor(input, currency);
}

/** Minor units back to the plain decimal a price input shows ("35.00" → "35", "35.50"). */
export function minorToInput(priceMinor: number, currency: string): string {
  const decimal = minorToDecimalString(priceMinor, currency);
  return /\.0+$/.test(decimal) ? decimal.replace(/\.0+$/, "") : decimal;
}
