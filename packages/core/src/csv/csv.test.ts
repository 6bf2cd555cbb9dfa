import { describe, expect, it } from "vitest";
import { csvField, csvLines, csvRow, csvText, csvTextRow, UTF8_BOM } from "./index.ts";

describe("csv", () => {
  it("neutralises spreadsheet formulas, whatever the leading sign", () => {
    for (const formula of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvField(formula).replace(/^"/, "").startsWith("'"), formula).toBe(true);
    }
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("plain")).toBe("plain");
  });

  it("quotes separators, quotes and line breaks (RFC 4180)", () => {
    expect(csvField("Dupont, Jean")).toBe('"Dupont, Jean"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });

  it("writes dates as ISO, nulls as empty, numbers and booleans as text", () => {
    expect(csvField(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvRow([12, true, "é"])).toBe("12,true,é\r\n");
  });

  it("writes text cells (the export's fast path) exactly as csvField writes the same values", () => {
    const cells = [
      "plain",
      "",
      null,
      "Dupont, Jean",
      'say "hi"',
      "two\nlines",
      "cr\r\nlf",
      "=1+1",
      "+1",
      "-1",
      "@SUM(A1)",
      "\tx",
      "\rx",
      "a=b",
      "Élise",
      "-",
      "1234",
      "true",
    ];
    expect(csvTextRow(cells)).toBe(csvRow(cells));
    for (const cell of cells) expect(csvTextRow([cell]), String(cell)).toBe(csvRow([cell]));
    expect(csvTextRow([])).toBe(csvRow([]));
  });

  it("streams a header then one CRLF line per row, in the columns' order", async () => {
    const rows = [
      { id: "a", name: "Élise, A.", extra: "not exported" },
      { id: "b", name: "=cmd", extra: "" },
    ];
    async function* slowly() {
      yield* rows;
    }
    const lines: string[] = [];
    for await (const line of csvLines(["name", "id"] as const, slowly())) lines.push(line);
    expect(lines).toEqual(["name,id\r\n", '"Élise, A.",a\r\n', "'=cmd,b\r\n"]);
  });

  it("starts with a UTF-8 byte-order mark only when asked", async () => {
    const rows = [{ name: "Zoë" }];
    const plain = await csvText(["name"] as const, rows);
    expect(plain).toBe("name\r\nZoë\r\n");
    const forSpreadsheets = await csvText(["name"] as const, rows, { bom: true });
    expect(forSpreadsheets).toBe(`${UTF8_BOM}name\r\nZoë\r\n`);
    expect([...new TextEncoder().encode(forSpreadsheets).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
