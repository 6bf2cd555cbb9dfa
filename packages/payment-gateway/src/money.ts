/**
 * Money is an integer number of the currency's minor units plus its ISO 4217 code. Never a
 * float. Each currency has its own exponent: EUR 2 (cents), TND 3 (millimes), JPY 0.
 *
 * This module is the one currency table and the one place that turns minor units into text and
 * back (decision 023): string and BigInt math only, so no amount is ever rounded through a float.
 * It imports nothing, so the browser bundle may use it (`@mentora/payment-gateway/money`).
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** The currencies Mentora sells in, with their ISO 4217 exponent (10^exponent minor units = 1). */
export const currencyExponents = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  MAD: 2,
  TND: 3,
  JPY: 0,
} as const satisfies Record<string, number>;

export type CurrencyCode = keyof typeof currencyExponents;

export const currencyCodes = Object.keys(currencyExponents) as [CurrencyCode, ...CurrencyCode[]];

/** Exactly as stored ("EUR", not "eur"); own keys only ("toString" is no currency). */
export function isSupportedCurrency(currency: string): currency is CurrencyCode {
  return Object.hasOwn(currencyExponents, currency);
}

export function exponentOf(currency: string): number {
  if (!isSupportedCurrency(currency)) throw new RangeError(`Unsupported currency ${currency}`);
  return currencyExponents[currency];
}

/**
 * The digits to show for any ISO code: the table's exponent, else what Intl knows of the code
 * (a currency Mentora does not sell in may still appear, e.g. in a provider's report), else 2.
 */
export function displayExponent(currency: string): number {
  if (isSupportedCurrency(currency)) return currencyExponents[currency];
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError(
      `Amount must be a non-negative integer of minor units, got ${amountMinor}`,
    );
  }
  exponentOf(currency);
  return { amountMinor, currency };
}

function integerMinor(amountMinor: number | bigint): bigint {
  if (typeof amountMinor === "number" && !Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`${amountMinor} is not a safe integer amount of minor units`);
  }
  return BigInt(amountMinor);
}

/** Splits minor units at the exponent: 12500n, 3 → "12.500"; -5n, 2 → "-0.05"; 700n, 0 → "700". */
function decimalDigits(value: bigint, exponent: number): string {
  const sign = value < 0n ? "-" : "";
  const digits = (value < 0n ? -value : value).toString();
  if (exponent === 0) return `${sign}${digits}`;
  const padded = digits.padStart(exponent + 1, "0");
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** "12.500" for 12500 TND millimes: the decimal string vendors such as PayPal expect. */
export function toDecimalString({ amountMinor, currency }: Money): string {
  return decimalDigits(integerMinor(amountMinor), exponentOf(currency));
}

/** 12500 TND → "12.500", -350 EUR → "-3.50", 5000 JPY → "5000": any sign, any size. */
export function minorToDecimalString(amountMinor: number | bigint, currency: string): string {
  return decimalDigits(integerMinor(amountMinor), displayExponent(currency));
}

/** The inverse of toDecimalString; refuses more decimals than the currency has. */
export function fromDecimalString(value: string, currency: string): Money {
  const exponent = exponentOf(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match || (match[2]?.length ?? 0) > exponent) {
    throw new RangeError(`Not a ${currency} amount: ${value}`);
  }
  const fraction = (match[2] ?? "").padEnd(exponent, "0");
  return money(Number(`${match[1]}${fraction}`), currency);
}

/**
 * An amount a person typed in major units ("12.5", "12,500", "1 200") as minor units of the
 * currency; null unless a non-negative amount with at most the currency's decimals that fits a
 * safe integer.
 */
export function decimalStringToMinor(input: string, currency: string): number | null {
  const text = input.trim().replace(/[\s\u00a0\u202f']/g, "");
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!match) return null;
  const digits = displayExponent(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minor = BigInt(`${match[1]}${fraction.padEnd(digits, "0")}`);
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}

/**
 * "€49.00", "45,500 DT", "¥5,000", "-€3.50": minor units in the locale's currency format with
 * every decimal of the currency. Intl formats the decimal string exactly (no binary rounding);
 * a code Intl refuses prints as "12.50 XYZ".
 */
export function formatMinorAmount(
  amountMinor: number | bigint,
  currency: string,
  locale: string,
): string {
  const decimal = minorToDecimalString(amountMinor, currency);
  const format = currencyFormat(locale, currency);
  return format ? format.format(decimal as `${number}`) : `${decimal} ${currency}`;
}

// Building an Intl.NumberFormat costs far more than formatting with one, and a page formats
// hundreds of prices (decision 029). Kept per locale and currency; bounded, since both can come
// from a request.
const currencyFormats = new Map<string, Intl.NumberFormat | null>();
const maxCurrencyFormats = 500;

function currencyFormat(locale: string, currency: string): Intl.NumberFormat | null {
  const key = `${locale}\u0000${currency}`;
  let format = currencyFormats.get(key);
  if (format !== undefined) return format;
  const digits = displayExponent(currency);
  try {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  } catch {
    format = null; // a code Intl refuses
  }
  if (currencyFormats.size >= maxCurrencyFormats) currencyFormats.clear();
  currencyFormats.set(key, format);
  return format;
}

export function sameCurrency(a: Money, b: Money): boolean {
  return a.currency === b.currency;
}
