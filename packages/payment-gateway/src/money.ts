/**
 * Money is an integer number of the currency's minor units plus its ISO 4217 code. Never a
 * float. Each currency has its own exponent: EUR 2 (cents), TND 3 (millimes), JPY 0.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

export const currencyExponents: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  MAD: 2,
  TND: 3,
  JPY: 0,
};

export function isSupportedCurrency(currency: string): boolean {
  return Object.hasOwn(currencyExponents, currency);
}

export function exponentOf(currency: string): number {
  const exponent = currencyExponents[currency];
  if (exponent === undefined) throw new RangeError(`Unsupported currency ${currency}`);
  return exponent;
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

/** "12.500" for 12500 TND millimes: the decimal string vendors such as PayPal expect. */
export function toDecimalString({ amountMinor, currency }: Money): string {
  const exponent = exponentOf(currency);
  if (exponent === 0) return String(amountMinor);
  const digits = String(amountMinor).padStart(exponent + 1, "0");
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
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

export function sameCurrency(a: Money, b: Money): boolean {
  return a.currency === b.currency;
}
