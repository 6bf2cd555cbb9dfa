import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ImmutableFileConflictError } from "./errors.ts";
import { sha256Hex } from "./hash.ts";
import { createLocalFileStorage } from "./local-file-storage.ts";
import { describeFileStorageConformance } from "./testing/file-storage-conformance.ts";
import type { FileStorage } from "./types.ts";

async function tempRoot(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "mentora-files-"));
}

describeFileStorageConformance("local", async () => {
  const rootDir = await tempRoot();
  return {
    storage: createLocalFileStorage({ rootDir }),
    cleanup: () => rm(rootDir, { recursive: true, force: true }),
  };
});

describe("createLocalFileStorage", () => {
  let rootDir: string;
  let storage: FileStorage;
  const bytes = new TextEncoder().encode("hello");

  beforeEach(async () => {
    rootDir = await tempRoot();
    storage = createLocalFileStorage({ rootDir });
  });
  afterEach(async () => {
    await rm(rootDir, { recursive: true, force: true });
  });

  it("stores the file under rootDir with a .meta.json sidecar, and no temp files left", async () => {
    await storage.put("avatars/u1/abc-64.webp", bytes, { contentType: "image/webp" });

    const directory = path.join(rootDir, "avatars", "u1");
    expect((await readdir(directory)).sort()).toEqual([".abc-64.webp@.meta.json", "abc-64.webp@"]);
    expect(await readFile(path.join(directory, "abc-64.webp@"), "utf8")).toBe("hello");
    expect(
      JSON.parse(await readFile(path.join(directory, ".abc-64.webp@.meta.json"), "utf8")),
    ).toEqual({ contentType: "image/webp", sha256: sha256Hex(bytes), size: 5 });
  });

  it("serves a file without a sidecar as octet-stream with a computed sha256", async () => {
    await writeFile(path.join(rootDir, "dropped-in.bin@"), bytes);
    expect(await storage.head("dropped-in.bin")).toMatchObject({
      contentType: "application/octet-stream",
      sha256: sha256Hex(bytes),
    });
    expect((await storage.get("dropped-in.bin"))?.sha256).toBe(sha256Hex(bytes));
  });

  it("keeps a key and a folder of other keys of the same name apart, in either order", async () => {
    const other = new TextEncoder().encode("other");
    await storage.put("pair/x", bytes, { contentType: "text/plain" });
    await storage.put("pair", other, { contentType: "text/plain" });
    await storage.put("solo", other, { contentType: "text/plain" });
    await storage.put("solo/y", bytes, { contentType: "text/plain" });
    const text = async (key: string) =>
      new TextDecoder().decode((await storage.get(key))?.bytes ?? new Uint8Array());
    expect(await text("pair")).toBe("other");
    expect(await text("pair/x")).toBe("hello");
    expect(await text("solo")).toBe("other");
    expect(await text("solo/y")).toBe("hello");
  });

  it("treats a key naming a folder of other keys as missing", async () => {
    await storage.put("folder/inside.txt", bytes, { contentType: "text/plain" });
    expect(await storage.get("folder")).toBeNull();
    expect(await storage.head("folder")).toBeNull();
    expect(await storage.exists("folder")).toBe(false);
    await storage.delete("folder");
    expect(await storage.exists("folder/inside.txt")).toBe(true);
  });

  it("lets exactly one of many concurrent immutable writers with different bytes win", async () => {
    const attempts = Array.from({ length: 8 }, (_, index) =>
      storage.put("race/invoice.pdf", new TextEncoder().encode(`writer ${index}`), {
        contentType: "application/pdf",
        immutable: true,
      }),
    );
    const results = await Promise.allSettled(attempts);
    const winners = results.filter((result) => result.status === "fulfilled");
    const losers = results.filter((result) => result.status === "rejected");
    expect(winners).toHaveLength(1);
    for (const loser of losers) expect(loser.reason).toBeInstanceOf(ImmutableFileConflictError);

    const stored = await storage.get("race/invoice.pdf");
    expect(stored?.sha256).toBe(winners[0]!.value.sha256);
    expect(stored?.contentType).toBe("application/pdf");
    expect((await readdir(path.join(rootDir, "race"))).sort()).toEqual([
      ".invoice.pdf@.meta.json",
      "invoice.pdf@",
    ]);
  });
});
