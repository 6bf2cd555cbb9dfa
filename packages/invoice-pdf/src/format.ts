// Money, rates and dates formatted with string and BigInt arithmetic only: no floating point and
// no Intl (whose output depends on the ICU data of the Node build), so a stored document always
// renders the same text.
import type { DocumentLocale } from "./document.ts";

/** No-break space: French digit groups and the space before the currency never wrap apart. */
export const NBSP = "\u00a0";

function groupThousands(digits: string, separator: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/**
 * `minor` in the currency's minor unit, `exponent` its number of digits.
 * fr: "1 234,567 TND" (no-break spaces), en: "TND 1,234.567"; negatives "-1 234,56 EUR" / "-EUR 1,234.56".
 */
export function formatMoney(
  minor: number | bigint,
  currency: string,
  exponent: number,
  locale: DocumentLocale,
): string {
  if (typeof minor === "number" && !Number.isSafeInteger(minor)) {
    throw new RangeError(`formatMoney: ${minor} is not a safe integer amount of minor units`);
  }
  if (!Number.isInteger(exponent) || exponent < 0) {
    throw new RangeError(`formatMoney: invalid exponent ${exponent}`);
  }
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const sign = negative ? "-" : "";
  if (locale === "fr") {
    const number = groupThousands(whole, NBSP) + (exponent > 0 ? `,${fraction}` : "");
    return `${sign}${number}${NBSP}${currency}`;
  }
  const number = groupThousands(whole, ",") + (exponent > 0 ? `.${fraction}` : "");
  return `${sign}${currency}${NBSP}${number}`;
}

/** 2000 → "20 %" (fr) / "20%" (en); 550 → "5,5 %" / "5.5%". */
export function formatRate(basisPoints: number, locale: DocumentLocale): string {
  const digits = BigInt(basisPoints).toString().padStart(3, "0");
  const whole = digits.slice(0, -2);
  const fraction = digits.slice(-2).replace(/0+$/, "");
  if (locale === "fr") return `${whole}${fraction ? `,${fraction}` : ""}${NBSP}%`;
  return `${whole}${fraction ? `.${fraction}` : ""}%`;
}

const MONTHS: Record<DocumentLocale, readonly string[]> = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  fr: [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
  ],
};

/** The calendar date of an ISO string, as written: "2026-03-20…" → "20 March 2026" / "20 mars 2026". */
export function formatDate(iso: string, locale: DocumentLocale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = match ? MONTHS[locale][Number(match[2]) - 1] : undefined;
  if (!match || !month) throw new RangeError(`formatDate: not an ISO date: ${iso}`);
  const day = Number(match[3]);
  const dayText = locale === "fr" && day === 1 ? "1er" : String(day);
  return `${dayText}${NBSP}${month}${NBSP}${match[1]}`;
}
