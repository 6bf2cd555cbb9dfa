import { createHash } from "node:crypto";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A strong HTTP entity tag (quoted, RFC 9110) for content with this sha256. */
export function etagForSha256(sha256: string): string {
  return `"${sha256}"`;
}
