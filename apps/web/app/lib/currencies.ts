/** The currencies Mentora sells in (core's offerings/currency.ts), for selects. */
export const currencies = ["EUR", "USD", "GBP", "CHF", "CAD", "MAD", "TND", "JPY"] as const;
export type Currency = (typeof currencies)[number];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (currencies as readonly string[]).includes(value);
}

/** Languages offered in the directory filter (any ISO 639-1 code works in a profile). */
export const filterLanguages = [
  "ar",
  "de",
  "en",
  "es",
  "fr",
  "hi",
  "it",
  "ja",
  "ko",
  "nl",
  "pl",
  "pt",
  "ru",
  "sv",
  "tr",
  "uk",
  "zh",
] as const;
