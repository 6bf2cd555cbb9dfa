/** RFC 5545 content lines are at most 75 octets, excluding the CRLF. */
const maxLineOctets = 75;

const encoder = new TextEncoder();

/** Escapes a TEXT value (RFC 5545 §3.3.11); other control characters are not allowed there. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[^\P{Cc}\t]/gu, "");
}

/**
 * A parameter value (CN=…), always quoted: a quoted string may hold ";", ":" and ",", but never
 * a double quote or a control character, so those become a single quote and a space.
 */
export function quoteIcsParam(value: string): string {
  const clean = value.replace(/"/g, "'").replace(/\p{Cc}/gu, " ");
  return `"${clean}"`;
}

/** A UTC DATE-TIME, `YYYYMMDDTHHMMSSZ` (seconds kept, milliseconds dropped). */
export function formatIcsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * Folds one content line into physical lines of at most 75 octets of UTF-8, each continuation
 * starting with a space. Splits between code points only, so no character is cut in half.
 */
export function foldIcsLine(line: string): string[] {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > maxLineOctets) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines;
}
