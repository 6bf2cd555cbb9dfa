import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FileStorage } from "@mentora/files";
import { createLocalFileStorage } from "@mentora/files";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AvatarError } from "./avatar-error.ts";
import { storeAvatar } from "./store-avatar.ts";
import { blue, solidPng } from "./testing/images.ts";

describe("storeAvatar", () => {
  let rootDir: string;
  let storage: FileStorage;

  beforeAll(async () => {
    rootDir = await mkdtemp(path.join(tmpdir(), "mentora-avatars-"));
    storage = createLocalFileStorage({ rootDir });
  });
  afterAll(async () => {
    await rm(rootDir, { recursive: true, force: true });
  });

  it("stores every size as immutable WebP under versioned keys", async () => {
    const stored = await storeAvatar(storage, "user-1", await solidPng(500, 400));
    expect(stored.avatarVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(stored.files).toEqual([
      {
        size: 64,
        key: `avatars/user-1/${stored.avatarVersion}-64.webp`,
        url: `/files/avatars/user-1/${stored.avatarVersion}-64.webp`,
      },
      {
        size: 256,
        key: `avatars/user-1/${stored.avatarVersion}-256.webp`,
        url: `/files/avatars/user-1/${stored.avatarVersion}-256.webp`,
      },
    ]);
    for (const file of stored.files) {
      const saved = await storage.get(file.key);
      expect(saved?.contentType).toBe("image/webp");
      expect(await sharp(saved!.bytes).metadata()).toMatchObject({
        width: file.size,
        height: file.size,
      });
    }
  });

  it("gives the same image the same version (a retry is harmless) and a new image a new one", async () => {
    const image = await solidPng(300, 300);
    const first = await storeAvatar(storage, "user-2", image);
    const retry = await storeAvatar(storage, "user-2", image);
    expect(retry).toEqual(first);

    const other = await storeAvatar(storage, "user-2", await solidPng(300, 300, blue));
    expect(other.avatarVersion).not.toBe(first.avatarVersion);
    // The previous version's files are still there for pages that have not reloaded.
    expect(await storage.exists(first.files[0]!.key)).toBe(true);
  });

  it("keeps mixed-case user ids apart in the lowercase key space", async () => {
    const stored = await storeAvatar(storage, "AbC9", await solidPng(100, 100));
    expect(stored.files[0]!.key).toBe(`avatars/_ab_c9/${stored.avatarVersion}-64.webp`);
  });

  it("stores nothing for a refused upload", async () => {
    await expect(
      storeAvatar(storage, "user-3", new TextEncoder().encode("not an image")),
    ).rejects.toBeInstanceOf(AvatarError);
    expect(await storage.exists("avatars/user-3")).toBe(false);
  });
});
