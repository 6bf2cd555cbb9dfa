import { InvalidFileKeyError } from "./errors.ts";

/** S3's own limit on key length, in UTF-8 bytes (our keys are ASCII). */
const maxKeyLength = 1024;
const allowedCharacters = /^[a-z0-9/._-]+$/;

/** Why `key` is refused, or undefined when it is a valid storage key. */
export function fileKeyProblem(key: string): string | undefined {
  if (typeof key !== "string" || key.length === 0) return "must be a non-empty string";
  if (key.length > maxKeyLength) return `must be at most ${maxKeyLength} characters`;
  if (key.includes("\\")) return "must not contain backslashes";
  if (key.startsWith("/")) return "must be relative (no leading slash)";
  if (!allowedCharacters.test(key)) return "may only contain a-z, 0-9, '/', '.', '_' and '-'";
  for (const segment of key.split("/")) {
    if (segment === "") return "must not contain empty path segments ('//' or a trailing '/')";
    if (segment === "." || segment === "..") return "must not contain '.' or '..' segments";
    // Dot-names are reserved for the local driver's sidecars and temp files.
    if (segment.startsWith(".")) return "path segments must not start with '.'";
  }
  return undefined;
}

export function isValidFileKey(key: string): boolean {
  return fileKeyProblem(key) === undefined;
}

/** Throws InvalidFileKeyError unless `key` is a valid storage key. */
export function assertValidFileKey(key: string): void {
  const problem = fileKeyProblem(key);
  if (problem) throw new InvalidFileKeyError(String(key), problem);
}
