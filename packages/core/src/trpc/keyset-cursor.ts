import { z } from "zod";
import { AppError } from "../errors/index.ts";

/**
 * An opaque cursor holding the sort key of the last row of a page (keyset pagination): the next
 * page starts strictly after it, so rows that change or disappear between pages never make a
 * page skip or repeat a row, unlike a cursor that points at a row by id.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

const cursorKey = z.array(z.string().max(500)).min(1).max(4);

/** The sort key inside a cursor; BAD_REQUEST for one this server did not make. */
export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const key = cursorKey.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (key.length === length) return key;
  } catch {
    // Reported below, the same as a key of the wrong shape.
  }
  throw new AppError("BAD_REQUEST", { reason: "INVALID_CURSOR" });
}

/** Cursors are short: a name and an id, base64url. */
export const cursorInput = z.string().min(1).max(1000);
