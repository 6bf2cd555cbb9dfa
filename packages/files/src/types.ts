export interface PutFileOptions {
  contentType: string;
  /**
   * Refuse to replace the key with different bytes (invoices, versioned avatars). Writing the
   * same bytes again succeeds, so retries are safe.
   */
  immutable?: boolean;
}

export interface PutFileResult {
  key: string;
  size: number;
  /** Lowercase hex sha256 of the bytes. */
  sha256: string;
  /** Quoted HTTP entity tag, e.g. `"9f86d0…"`. */
  etag: string;
}

export interface FileHead {
  contentType: string;
  size: number;
  /** Quoted HTTP entity tag; stable while the bytes do not change. */
  etag: string;
  /** Absent only for S3 objects written by another tool (no sha256 metadata). */
  sha256?: string;
}

export interface StoredFile extends FileHead {
  bytes: Uint8Array;
  /** Always computed from the bytes read. */
  sha256: string;
}

/**
 * Where user files live (avatars, later invoices): the local disk in development, any
 * S3-compatible bucket in production. Keys are validated (see file-key.ts) by every method.
 */
export interface FileStorage {
  readonly kind: "local" | "s3";
  put(key: string, bytes: Uint8Array, options: PutFileOptions): Promise<PutFileResult>;
  /** The file, or null when no file has this key. */
  get(key: string): Promise<StoredFile | null>;
  /** The file's metadata without its bytes, or null when missing. */
  head(key: string): Promise<FileHead | null>;
  /** Removes the file; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  close?(): Promise<void>;
}
