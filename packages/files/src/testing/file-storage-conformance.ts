import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImmutableFileConflictError, InvalidFileKeyError } from "../errors.ts";
import type { FileStorage } from "../types.ts";

export interface ConformanceTarget {
  storage: FileStorage;
  cleanup(): Promise<void>;
}

const invalidKeys = [
  "",
  "../escape.txt",
  "a/../../escape.txt",
  "..",
  "/etc/passwd",
  "a\\b.txt",
  "..\\windows.txt",
  "Upper.png",
  "a//b.txt",
  "trailing/",
  "a/./b.txt",
  "a/.hidden",
  "café.png",
  "with space.txt",
  "new\nline.txt",
  "nul\u0000.txt",
  "x".repeat(1025),
];

function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * The behaviour every FileStorage driver must share. Each test uses its own keys, so the
 * drivers can keep one store for the whole suite.
 */
export function describeFileStorageConformance(
  driverName: string,
  createTarget: () => Promise<ConformanceTarget>,
): void {
  describe(`FileStorage conformance: ${driverName}`, () => {
    let target: ConformanceTarget;
    let storage: FileStorage;

    beforeAll(async () => {
      target = await createTarget();
      storage = target.storage;
    });
    afterAll(async () => {
      await target?.cleanup();
    });

    it("round-trips bytes, content type, size, sha256 and etag", async () => {
      const bytes = Uint8Array.from({ length: 256 * 4 }, (_, index) => index % 256);
      const put = await storage.put("round-trip/all-bytes.bin", bytes, {
        contentType: "application/octet-stream",
      });
      expect(put).toMatchObject({
        key: "round-trip/all-bytes.bin",
        size: bytes.byteLength,
        sha256: sha256Of(bytes),
      });
      expect(put.etag).toMatch(/^"[^"]+"$/);

      const file = await storage.get("round-trip/all-bytes.bin");
      expect(file).not.toBeNull();
      expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(file).toMatchObject({
        contentType: "application/octet-stream",
        size: bytes.byteLength,
        sha256: sha256Of(bytes),
        etag: put.etag,
      });

      expect(await storage.head("round-trip/all-bytes.bin")).toEqual({
        contentType: "application/octet-stream",
        size: bytes.byteLength,
        sha256: sha256Of(bytes),
        etag: put.etag,
      });
      expect(await storage.exists("round-trip/all-bytes.bin")).toBe(true);
    });

    it("keeps content type parameters and stores empty files", async () => {
      await storage.put("round-trip/note.txt", encode("élève ✓"), {
        contentType: "text/plain; charset=utf-8",
      });
      const note = await storage.get("round-trip/note.txt");
      expect(note?.contentType).toBe("text/plain; charset=utf-8");
      expect(new TextDecoder().decode(note!.bytes)).toBe("élève ✓");

      const empty = await storage.put("round-trip/empty.txt", new Uint8Array(), {
        contentType: "text/plain",
      });
      expect(empty.sha256).toBe(sha256Of(new Uint8Array()));
      const stored = await storage.get("round-trip/empty.txt");
      expect(stored?.size).toBe(0);
      expect(stored?.bytes.byteLength).toBe(0);
    });

    it("round-trips arbitrary bytes under arbitrary valid keys", async () => {
      const segment = fc.stringMatching(/^[a-z0-9_-][a-z0-9._-]{0,11}$/);
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 1, maxLength: 4 }),
          fc.uint8Array({ maxLength: 4096 }),
          async (segments, bytes) => {
            const key = `property/${segments.join("/")}`;
            const put = await storage.put(key, bytes, { contentType: "application/x-test" });
            const file = await storage.get(key);
            expect(put.sha256).toBe(sha256Of(bytes));
            expect(file?.sha256).toBe(put.sha256);
            expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
            await storage.delete(key);
          },
        ),
        { numRuns: 25 },
      );
    });

    it("answers null / false for a missing key", async () => {
      expect(await storage.get("missing/nothing-here.txt")).toBeNull();
      expect(await storage.head("missing/nothing-here.txt")).toBeNull();
      expect(await storage.exists("missing/nothing-here.txt")).toBe(false);
    });

    it("deletes, and deleting a missing key is not an error", async () => {
      await storage.put("delete/me.txt", encode("bye"), { contentType: "text/plain" });
      await storage.delete("delete/me.txt");
      expect(await storage.get("delete/me.txt")).toBeNull();
      expect(await storage.head("delete/me.txt")).toBeNull();
      expect(await storage.exists("delete/me.txt")).toBe(false);
      await expect(storage.delete("delete/me.txt")).resolves.toBeUndefined();
    });

    it("overwrites a mutable key with new bytes and a new etag", async () => {
      const first = await storage.put("mutable/doc.txt", encode("v1"), {
        contentType: "text/plain",
      });
      const second = await storage.put("mutable/doc.txt", encode("version 2"), {
        contentType: "text/markdown",
      });
      expect(second.etag).not.toBe(first.etag);
      const file = await storage.get("mutable/doc.txt");
      expect(new TextDecoder().decode(file!.bytes)).toBe("version 2");
      expect(file).toMatchObject({ contentType: "text/markdown", etag: second.etag, size: 9 });
    });

    it.each(invalidKeys)("refuses the invalid key %j in every method", async (key) => {
      const bytes = encode("x");
      await expect(storage.put(key, bytes, { contentType: "text/plain" })).rejects.toThrow(
        InvalidFileKeyError,
      );
      await expect(storage.get(key)).rejects.toThrow(InvalidFileKeyError);
      await expect(storage.head(key)).rejects.toThrow(InvalidFileKeyError);
      await expect(storage.exists(key)).rejects.toThrow(InvalidFileKeyError);
      await expect(storage.delete(key)).rejects.toThrow(InvalidFileKeyError);
    });

    it("refuses a malformed content type", async () => {
      for (const contentType of ["", "text", "text/html\r\nSet-Cookie: a=b"]) {
        await expect(
          storage.put("content-type/bad.txt", encode("x"), { contentType }),
        ).rejects.toThrow(/content type/);
      }
      expect(await storage.exists("content-type/bad.txt")).toBe(false);
    });

    it("refuses to overwrite an immutable key with different bytes, keeping the original", async () => {
      const original = encode("invoice 2026-0001: 120.00 EUR");
      const first = await storage.put("immutable/invoice.pdf", original, {
        contentType: "application/pdf",
        immutable: true,
      });

      const forged = encode("invoice 2026-0001: 1.00 EUR");
      await expect(
        storage.put("immutable/invoice.pdf", forged, {
          contentType: "application/pdf",
          immutable: true,
        }),
      ).rejects.toThrow(ImmutableFileConflictError);

      const file = await storage.get("immutable/invoice.pdf");
      expect(file?.sha256).toBe(sha256Of(original));
      expect(file?.etag).toBe(first.etag);
      expect(file?.contentType).toBe("application/pdf");
    });

    it("accepts the same bytes again under an immutable key (safe retries)", async () => {
      const bytes = encode("same every time");
      const first = await storage.put("immutable/retry.txt", bytes, {
        contentType: "text/plain",
        immutable: true,
      });
      const again = await storage.put("immutable/retry.txt", bytes, {
        contentType: "text/plain",
        immutable: true,
      });
      expect(again).toEqual(first);
    });
  });
}
