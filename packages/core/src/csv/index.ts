/**
 * CSV writing, one way for every export (decision 023): RFC 4180 fields, CRLF line ends,
 * formula-safe cells, and a UTF-8 byte-order mark on request so spreadsheet programs that guess
 * the encoding (Excel) read accented names right.
 */

/** Written first when asked: tells spreadsheets the file is UTF-8. */
export const UTF8_BOM = "\uFEFF";

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark (for spreadsheet users); off by default. */
  bom?: boolean;
}

/** RFC 4180 field; a leading =,+,-,@ is neutralised so a spreadsheet never runs it as a formula. */
export function csvField(value: unknown): string {
  let text = value instanceof Date ? value.toISOString() : value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Anything csvField would change in a text: one test decides the common case (no change). */
const needsEscaping = /^[=+\-@\t\r]|[",\r\n]/;

/**
 * csvField for a value already read as text (null for SQL NULL), without allocating when the
 * text needs nothing: the hot path of a large export.
 */
export function csvTextField(text: string | null): string {
  if (text === null) return "";
  return needsEscaping.test(text) ? csvField(text) : text;
}

/** One CRLF line of text cells (csvTextField each): what csvRow writes for the same values. */
export function csvTextRow(cells: readonly (string | null)[]): string {
  let line = csvTextField(cells[0] ?? null);
  for (let index = 1; index < cells.length; index += 1) {
    line += `,${csvTextField(cells[index] ?? null)}`;
  }
  return `${line}\r\n`;
}

/** One line, CRLF-terminated. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/**
 * The header (the column names) then one line per row, as the rows arrive: a caller streams
 * a long history without holding it in memory.
 */
export async function* csvLines<Row, Column extends keyof Row & string>(
  columns: readonly Column[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: CsvOptions = {},
): AsyncGenerator<string, void, undefined> {
  yield `${options.bom ? UTF8_BOM : ""}${csvRow(columns)}`;
  for await (const row of rows) yield csvRow(columns.map((column) => row[column]));
}

/** The whole file as one string (small exports and tests). */
export async function csvText<Row, Column extends keyof Row & string>(
  columns: readonly Column[],
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: CsvOptions = {},
): Promise<string> {
  let text = "";
  for await (const line of csvLines(columns, rows, options)) text += line;
  return text;
}
