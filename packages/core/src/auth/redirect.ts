/**
 * Where to send a user after sign-in. Only same-site relative paths are accepted: anything that
 * could leave the site ("//evil.com", "/\evil.com", "https://…", "javascript:") falls back.
 */
export function safeRedirectPath(target: unknown, fallback = "/account"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  // Browsers ignore tabs and newlines in URLs and treat "\" as "/": normalise before judging.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse.
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  try {
    const resolved = new URL(target, "http://mentora.invalid");
    if (resolved.origin !== "http://mentora.invalid") return fallback;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return fallback;
  }
}
