import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidFileKeyError } from "./errors.ts";
import { assertValidFileKey, fileKeyProblem, isValidFileKey } from "./file-key.ts";

describe("file keys", () => {
  it.each([
    "a",
    "avatars/u_1/3f9a0c1d2e4b5a6c-256.webp",
    "invoices/2026/inv-0001.pdf",
    "x".repeat(1024),
  ])("accepts %j", (key) => {
    expect(isValidFileKey(key)).toBe(true);
    expect(() => assertValidFileKey(key)).not.toThrow();
  });

  it.each([
    ["../x", "'.' or '..'"],
    ["/abs.txt", "relative"],
    ["a\\b", "backslashes"],
    ["A.png", "a-z, 0-9"],
    ["a//b", "empty path segments"],
    [".env", "must not start with '.'"],
    ["", "non-empty"],
  ])("refuses %j, saying why", (key, reason) => {
    expect(fileKeyProblem(key)).toContain(reason);
    expect(() => assertValidFileKey(key)).toThrow(InvalidFileKeyError);
    expect(() => assertValidFileKey(key)).toThrow(reason);
  });

  it("never lets a valid key leave the storage root, whatever the input", () => {
    const root = path.resolve("/srv/files");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[a-z0-9/._\\-]{0,40}$/)), (key) => {
        if (!isValidFileKey(key)) return;
        const resolved = path.resolve(root, ...key.split("/"));
        expect(resolved.startsWith(root + path.sep)).toBe(true);
        expect(path.posix.normalize(key)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });
});
