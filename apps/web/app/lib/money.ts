/**
 * Money is stored as integer minor units of an ISO 4217 currency. How many decimals a currency
 * has (EUR 2, TND 3, JPY 0) is asked of Intl, so every currency Intl knows is shown right.
 */
export function currencyDigits(currency: string, locale = "en"): number {
  try {
    return (
      new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** "€35.00", "90,000 DT", "¥5,000"; "Free" (the given word) for 0. */
export function formatMoney(
  priceMinor: number,
  currency: string,
  locale: string,
  freeLabel?: string,
): string {
  if (priceMinor === 0 && freeLabel) return freeLabel;
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
  } catch {
    return `${priceMinor} ${currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(priceMinor / 10 ** digits);
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
  const text = input.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (text === "") return null;
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!match) return null;
  const digits = currencyDigits(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units back to the plain decimal a price input shows ("35.00" → "35", "35.50"). */
export function minorToInput(priceMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(priceMinor);
  const major = Math.floor(priceMinor / 10 ** digits);
  const rest = priceMinor % 10 ** digits;
  return rest === 0 ? String(major) : `${major}.${String(rest).padStart(digits, "0")}`;
}
