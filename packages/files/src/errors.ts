/** A key that could escape the storage root or is not portable across drivers. */
export class InvalidFileKeyError extends Error {
  override name = "InvalidFileKeyError";
  readonly key: string;

  constructor(key: string, reason: string) {
    // The key is caller input: JSON.stringify keeps control characters visible in logs.
    super(`Invalid file key ${JSON.stringify(key.slice(0, 200))}: ${reason}`);
    this.key = key;
  }
}

/** An immutable put found different bytes already stored under the key. */
export class ImmutableFileConflictError extends Error {
  override name = "ImmutableFileConflictError";
  readonly key: string;

  constructor(key: string) {
    super(`File ${JSON.stringify(key)} is immutable and already holds different content`);
    this.key = key;
  }
}

/** The stored bytes no longer match the sha256 recorded when they were written. */
export class FileIntegrityError extends Error {
  override name = "FileIntegrityError";
  readonly key: string;

  constructor(key: string) {
    super(`File ${JSON.stringify(key)} does not match its recorded sha256`);
    this.key = key;
  }
}
