const htmlEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for both element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}

/**
 * Returns the normalized URL when it is absolute http(s). Anything else (javascript:, data:,
 * relative) is refused: a link in an email must never run code or point nowhere.
 */
export function requireHttpUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Email links must be absolute http(s) URLs: got an invalid URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`Email links must be absolute http(s) URLs: got ${parsed.protocol}`);
  }
  return parsed.href;
}
