import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalFileStorage } from "./local-file-storage.ts";
import { fileResponse, fileUrlPath } from "./serve.ts";
import type { FileStorage, PutFileResult } from "./types.ts";

describe("fileResponse", () => {
  let rootDir: string;
  let storage: FileStorage;
  let avatar: PutFileResult;
  const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]);
  const avatarKey = "avatars/u1/0123456789abcdef-64.webp";

  const request = (key: string, init?: RequestInit) =>
    new Request(`http://mentora.test${fileUrlPath(key)}`, init);

  beforeAll(async () => {
    rootDir = await mkdtemp(path.join(tmpdir(), "mentora-serve-"));
    storage = createLocalFileStorage({ rootDir });
    avatar = await storage.put(avatarKey, webp, { contentType: "image/webp", immutable: true });
    await storage.put("uploads/page.html", new TextEncoder().encode("<script>alert(1)</script>"), {
      contentType: "text/html",
    });
  });
  afterAll(async () => {
    await rm(rootDir, { recursive: true, force: true });
  });

  it("serves a versioned file with its bytes and cache-forever headers", async () => {
    const response = await fileResponse(storage, avatarKey, request(avatarKey));
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(webp);
    expect(Object.fromEntries(response.headers)).toEqual({
      "cache-control": "public, max-age=31536000, immutable",
      "content-disposition": "inline",
      "content-length": String(webp.byteLength),
      "content-security-policy": "default-src 'none'; sandbox",
      "content-type": "image/webp",
      etag: avatar.etag,
      "x-content-type-options": "nosniff",
    });
  });

  it("answers 304 without a body when If-None-Match holds the current etag", async () => {
    for (const ifNoneMatch of [avatar.etag, `W/${avatar.etag}`, `"stale", ${avatar.etag}`, "*"]) {
      const response = await fileResponse(
        storage,
        avatarKey,
        request(avatarKey, { headers: { "If-None-Match": ifNoneMatch } }),
      );
      expect(response.status).toBe(304);
      expect(response.headers.get("etag")).toBe(avatar.etag);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await response.text()).toBe("");
    }
  });

  it("answers 200 when If-None-Match holds another etag", async () => {
    const response = await fileResponse(
      storage,
      avatarKey,
      request(avatarKey, { headers: { "If-None-Match": '"something-else"' } }),
    );
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(webp);
  });

  it("answers 404, never cached, for a missing file or an invalid key", async () => {
    for (const key of ["avatars/u1/missing-64.webp", "../etc/passwd", "avatars/U1.webp"]) {
      const response = await fileResponse(storage, key, request("x"));
      expect(response.status).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    const conditional = await fileResponse(
      storage,
      "avatars/u1/missing-64.webp",
      request("x", { headers: { "If-None-Match": "*" } }),
    );
    expect(conditional.status).toBe(404);
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await fileResponse(storage, avatarKey, request(avatarKey, { method: "HEAD" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(webp.byteLength));
    expect(response.headers.get("etag")).toBe(avatar.etag);
    expect(response.body).toBeNull();
  });

  it("sends active content as a download, revalidated on every use", async () => {
    const response = await fileResponse(storage, "uploads/page.html", request("uploads/page.html"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="page.html"');
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses methods other than GET and HEAD", async () => {
    const response = await fileResponse(storage, avatarKey, request(avatarKey, { method: "PUT" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});
