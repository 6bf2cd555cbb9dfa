import { isValidFileKey } from "./file-key.ts";
import type { FileHead, FileStorage } from "./types.ts";

export interface FileResponseOptions {
  /**
   * The key's content never changes (its name carries a content hash), so browsers and CDNs
   * may keep it forever. Defaults to true for keys under `avatars/`.
   */
  immutable?: boolean;
}

const immutableCacheControl = "public, max-age=31536000, immutable";
// Anything else may be replaced, or be private (invoices): caches must revalidate every time.
const revalidateCacheControl = "private, no-cache";
const versionedKeyPrefixes = ["avatars/"];

// Raster images render inline without running anything. Every other type (SVG and HTML can
// carry scripts, PDFs too) is sent as a download.
const inlineContentTypes = new Set([
  "image/avif",
  "image/gif",
  "image/jpeg",
  "image/png",
  "image/webp",
]);

/** The public path the web app serves a stored file under. */
export function fileUrlPath(key: string): string {
  return `/files/${key}`;
}

function isVersionedKey(key: string): boolean {
  return versionedKeyPrefixes.some((prefix) => key.startsWith(prefix));
}

/** RFC 9110 §13.1.2: If-None-Match compares entity tags weakly. */
function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => opaque(tag) === opaque(etag));
}

function contentDisposition(key: string, contentType: string): string {
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (inlineContentTypes.has(mediaType)) return "inline";
  // Valid keys are [a-z0-9._-] per segment: the name needs no escaping.
  return `attachment; filename="${key.slice(key.lastIndexOf("/") + 1)}"`;
}

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      // The key may exist a moment later (an upload in progress): never cache its absence.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

function fileHeaders(key: string, file: FileHead, cacheControl: string): Headers {
  return new Headers({
    "Content-Type": file.contentType,
    "Content-Length": String(file.size),
    ETag: file.etag,
    "Cache-Control": cacheControl,
    "Content-Disposition": contentDisposition(key, file.contentType),
    "X-Content-Type-Options": "nosniff",
    // Opened directly, a stored file may load nothing and run nothing.
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
}

/**
 * The response for `GET|HEAD /files/<key>`: 200 with the bytes, 304 when the client's copy is
 * current, 404 when missing (or the key is invalid). Access control is the caller's job.
 * Storage failures propagate, so the route's error handling logs them.
 */
export async function fileResponse(
  storage: FileStorage,
  key: string,
  request: Request,
  options: FileResponseOptions = {},
): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return new Response(null, { status: 405, headers: { Allow: "GET, HEAD" } });
  }
  if (!isValidFileKey(key)) return notFound();
  const cacheControl =
    (options.immutable ?? isVersionedKey(key)) ? immutableCacheControl : revalidateCacheControl;
  const ifNoneMatch = request.headers.get("If-None-Match");

  // Conditional and HEAD requests need no bytes: ask for metadata only.
  if (ifNoneMatch || request.method === "HEAD") {
    const head = await storage.head(key);
    if (!head) return notFound();
    if (ifNoneMatchHits(ifNoneMatch, head.etag)) {
      return new Response(null, {
        status: 304,
        headers: { ETag: head.etag, "Cache-Control": cacheControl },
      });
    }
    if (request.method === "HEAD") {
      return new Response(null, { status: 200, headers: fileHeaders(key, head, cacheControl) });
    }
  }

  const file = await storage.get(key);
  if (!file) return notFound();
  // A Blob types the same under Node's and the DOM's lib (the web app compiles with the DOM's).
  return new Response(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), {
    status: 200,
    headers: fileHeaders(key, file, cacheControl),
  });
}
