import { createHash } from "node:crypto";

/** Namespace of Mentora's name-based job ids (a random UUID, fixed forever). */
const namespace = Buffer.from("5d0c7a3e9b1f4c62a8e4f07d2b6c9a11", "hex");

/**
 * A name-based UUID (RFC 9562 version 5) for a job: the same parts always give the same id.
 * pg-boss inserts jobs with ON CONFLICT DO NOTHING on (queue, id), so sending a job whose id
 * already exists is a no-op (send returns null): a retried handler cannot enqueue it twice.
 */
export function deterministicJobId(...parts: (string | number)[]): string {
  const hash = createHash("sha1").update(namespace).update(parts.join("\u0000")).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
