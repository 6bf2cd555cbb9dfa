/**
 * Money is stored as integer minor units of an ISO 4217 currency. The exponent (EUR 2, TND 3,
 * JPY 0) of the currencies Mentora sells in is fixed here, as in @mentora/payment-gateway;
 * any other currency asks Intl.
 */
const knownExponents: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  MAD: 2,
  TND: 3,
  JPY: 0,
};

export function currencyDigits(currency: string, locale = "en"): number {
  const known = knownExponents[currency];
  if (known !== undefined) return known;
  try {
    return (
      new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** 12500 TND → "12.500", -350 EUR → "-3.50", 5000 JPY → "5000": string math, never a float. */
export function minorToDecimalString(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = amountMinor < 0 ? "-" : "";
  const absolute = String(Math.abs(Math.trunc(amountMinor)));
  if (digits === 0) return `${sign}${absolute}`;
  const padded = absolute.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * A decimal in major units ("12.5", "12,500", "1 200") as minor units of the currency, by
 * string math; null unless a non-negative amount with at most the currency's decimals.
 */
export function decimalStringToMinor(input: string, currency: string): number | null {
  const text = input.trim().replace(/[\s\u00a0\u202f']/g, "");
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!match) return null;
  const digits = currencyDigits(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minor = Number(`${match[1]}${fraction.padEnd(digits, "0")}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** "€35.00", "90,000 DT", "¥5,000"; "Free" (the given word) for 0. Exact: Intl formats a string. */
export function formatMoney(
  priceMinor: number,
  currency: string,
  locale: string,
  freeLabel?: string,
): string {
  if (priceMinor === 0 && freeLabel) return freeLabel;
  const digits = currencyDigits(currency);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  } catch {
    return `${minorToDecimalString(priceMinor, currency)} ${currency}`;
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3): no binary rounding.
  return format.format(minorToDecimalString(priceMinor, currency) as `${number}`);
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
  const digits = currencyDigits(currency);
  if (digits === 0) return String(priceMinor);
  const major = Math.floor(priceMinor / 10 ** digits);
  const rest = priceMinor % 10 ** digits;
  return rest === 0 ? String(major) : `${major}.${String(rest).padStart(digits, "0")}`;
}
