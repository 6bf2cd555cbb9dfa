import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  initialsAvatarSvg,
  initialsBackgroundFor,
  initialsBackgrounds,
  initialsOf,
} from "./initials-avatar.ts";

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

describe("initialsOf", () => {
  it.each([
    ["Élodie Bâ", "ÉB"],
    ["élodie bâ", "ÉB"],
    ["E\u0301lodie Ba\u0302", "ÉB"], // decomposed accents
    ["Madonna", "M"],
    ["  Jean-Pierre   de la Tour ", "JT"],
    ["Zoë O'Neill", "ZO"],
    ["ßven Öz", "ßÖ"],
    ["Łukasz Żółć", "ŁŻ"],
    ["山田 太郎", "山太"],
    ["Анна Каренина", "АК"],
    ["(Bob) Smith", "BS"],
    ["Ana 🙂", "A"],
    ["🙂", "?"],
    ["🙂 🎉", "?"],
    ["", "?"],
    ["   ", "?"],
    ["1234", "?"],
  ])("%j → %j", (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe("initialsAvatarSvg", () => {
  it("is deterministic: same name, same SVG; colour ignores case and spacing", () => {
    expect(initialsAvatarSvg("Élodie Bâ", 64)).toBe(initialsAvatarSvg("Élodie Bâ", 64));
    expect(initialsBackgroundFor("Élodie Bâ")).toBe(initialsBackgroundFor("  élodie bâ "));
  });

  it("spreads names across the palette", () => {
    const names = Array.from({ length: 200 }, (_, index) => `Person ${index}`);
    expect(new Set(names.map(initialsBackgroundFor)).size).toBeGreaterThan(10);
  });

  it("uses only backgrounds where white text has at least 4.5:1 contrast", () => {
    for (const colour of initialsBackgrounds) {
      expect(contrastWithWhite(colour), colour).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("escapes the name and initials for XML", () => {
    const svg = initialsAvatarSvg(`Tom & "Jerry" <script>alert('x')</script>`, 64);
    expect(svg).not.toContain("<script");
    expect(svg).toContain(
      'aria-label="Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"',
    );
    // First word "Tom", last word "<script>alert('x')</script>" whose first letter is "s".
    expect(svg).toMatch(/>TS<\/text><\/svg>$/);
  });

  it("shows a question mark on a colour for an empty or emoji-only name", () => {
    for (const name of ["", "🙂"]) {
      const svg = initialsAvatarSvg(name, 32);
      expect(svg).toContain(">?</text>");
      expect(svg).toMatch(/fill="#[0-9a-f]{6}"/);
    }
  });

  it("always produces well-formed SVG that renders at the requested size", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 60 }), async (name) => {
        const svg = initialsAvatarSvg(name, 48);
        // librsvg rejects malformed XML (bad escaping, control characters).
        const metadata = await sharp(Buffer.from(svg)).metadata();
        expect(metadata).toMatchObject({ format: "svg", width: 48, height: 48 });
      }),
      { numRuns: 150 },
    );
  });

  it("refuses silly sizes", () => {
    expect(() => initialsAvatarSvg("A", 0)).toThrow(RangeError);
    expect(() => initialsAvatarSvg("A", 12.5)).toThrow(RangeError);
    expect(() => initialsAvatarSvg("A", 100_000)).toThrow(RangeError);
  });
});
