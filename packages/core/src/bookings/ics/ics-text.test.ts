import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeIcsText, foldIcsLine, formatIcsUtc, quoteIcsParam } from "./ics-text.ts";

const octets = (value: string) => Buffer.byteLength(value, "utf8");

describe("foldIcsLine", () => {
  it("keeps a short line whole", () => {
    expect(foldIcsLine("SUMMARY:Hello")).toEqual(["SUMMARY:Hello"]);
    expect(foldIcsLine("X".repeat(75))).toEqual(["X".repeat(75)]);
  });

  it("folds at 75 octets with a leading space on each continuation", () => {
    const lines = foldIcsLine("X".repeat(200));
    expect(lines.map(octets)).toEqual([75, 75, 52]);
    expect(lines.slice(1).every((line) => line.startsWith(" "))).toBe(true);
  });

  it("never cuts a multi-byte character (é is 2 octets, 😀 is 4)", () => {
    const lines = foldIcsLine(`D:${"é".repeat(40)}${"😀".repeat(30)}`);
    for (const line of lines) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\uFFFD");
    }
    expect(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join("")).toBe(
      `D:${"é".repeat(40)}${"😀".repeat(30)}`,
    );
  });

  it("unfolds back to the original, every physical line within 75 octets (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const line = `DESCRIPTION:${escapeIcsText(text)}`;
        const lines = foldIcsLine(line);
        expect(lines.every((physical) => octets(physical) <= 75)).toBe(true);
        expect(lines.join("\r\n").replace(/\r\n /g, "")).toBe(line);
      }),
    );
  });
});

describe("escapeIcsText", () => {
  it("escapes backslash, semicolon, comma and every kind of line break", () => {
    expect(escapeIcsText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });
  it("drops control characters but keeps tabs", () => {
    expect(escapeIcsText("a\u0000b\u0007c\td")).toBe("abc\td");
  });
});

describe("quoteIcsParam", () => {
  it("quotes, and replaces what a quoted string cannot hold", () => {
    expect(quoteIcsParam('Ada "The Countess"; Lovelace, PhD')).toBe(
      "\"Ada 'The Countess'; Lovelace, PhD\"",
    );
    expect(quoteIcsParam("a\r\nb")).toBe('"a  b"');
  });
});

describe("formatIcsUtc", () => {
  it("writes a UTC date-time without separators or milliseconds", () => {
    expect(formatIcsUtc(new Date("2026-03-05T13:04:05.678Z"))).toBe("20260305T130405Z");
  });
});
