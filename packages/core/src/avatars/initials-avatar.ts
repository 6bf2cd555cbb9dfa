/**
 * Backgrounds for initials avatars: each gives white text a contrast of at least 4.5:1
 * (WCAG AA for normal text, since small avatars have small letters). A test checks it.
 */
export const initialsBackgrounds = [
  "#b91c1c",
  "#c2410c",
  "#a16207",
  "#4d7c0f",
  "#15803d",
  "#047857",
  "#0f766e",
  "#0e7490",
  "#0369a1",
  "#1d4ed8",
  "#4338ca",
  "#6d28d9",
  "#7e22ce",
  "#a21caf",
  "#be185d",
  "#be123c",
] as const;

const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });
const startsWithLetter = /^\p{L}/u;
// Characters XML 1.0 cannot hold at all, escaped or not (controls, lone surrogates, U+FFFE/F).
const invalidXmlCharacters = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const maxLabelLength = 200;

function escapeXml(text: string): string {
  return text
    .replace(invalidXmlCharacters, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The word's first letter (a whole grapheme, so accents stay on), uppercased. */
function firstLetter(word: string): string | undefined {
  for (const { segment } of graphemes.segment(word)) {
    if (!startsWithLetter.test(segment)) continue;
    const upper = segment.toUpperCase();
    // "ß" uppercases to "SS": an initial stays one character.
    return [...graphemes.segment(upper)].length === 1 ? upper : segment;
  }
  return undefined;
}

/**
 * "Élodie Bâ" → "ÉB", "Madonna" → "M", "Jean-Pierre de la Tour" → "JT"; "?" when the name has
 * no letters (empty, emoji, digits).
 */
export function initialsOf(name: string): string {
  const words = name
    .normalize("NFC")
    .split(/[\s\p{Z}]+/u)
    .map(firstLetter)
    .filter((letter) => letter !== undefined);
  const first = words[0];
  if (first === undefined) return "?";
  return words.length === 1 ? first : first + words[words.length - 1];
}

/** FNV-1a: tiny, stable across runtimes, spreads similar names across the palette. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The same name (ignoring case and spacing) always gets the same colour. */
export function initialsBackgroundFor(name: string): string {
  const normalized = name.normalize("NFC").trim().toLowerCase();
  return initialsBackgrounds[hashOf(normalized) % initialsBackgrounds.length]!;
}

/**
 * A square SVG with the person's initials in white on a colour derived from their name, shown
 * wherever a person has no avatar or theirs fails to load. Deterministic, so it caches well.
 */
export function initialsAvatarSvg(name: string, size: number): string {
  if (!Number.isInteger(size) || size < 1 || size > 2048) {
    throw new RangeError("Avatar size must be an integer from 1 to 2048");
  }
  const label = escapeXml(name.trim().slice(0, maxLabelLength));
  const initials = escapeXml(initialsOf(name));
  const fontSize = Math.round(size * 0.4 * 100) / 100;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" ` +
    `viewBox="0 0 ${size} ${size}" role="img" aria-label="${label}">` +
    `<rect width="${size}" height="${size}" fill="${initialsBackgroundFor(name)}"/>` +
    `<text x="50%" y="50%" dy="0.35em" text-anchor="middle" fill="#ffffff" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" ` +
    `font-size="${fontSize}" font-weight="600">${initials}</text></svg>`
  );
}
