/** Cookies the portal itself sets (better-auth manages its own). */
export const LOCALE_COOKIE = "mentora_locale";
export const TIMEZONE_COOKIE = "mentora_tz";
export const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** One cookie's value from a Cookie header, or undefined. */
export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index === -1) continue;
    if (part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
