import { createLocalFileStorage } from "./local-file-storage.ts";
import { createS3FileStorage, type S3FileStorageOptions } from "./s3-file-storage.ts";
import type { FileStorage } from "./types.ts";

export interface FileStorageOptions {
  /** Local directory used when no bucket is configured, e.g. `<repo>/.data/files`. */
  rootDir: string;
  /** S3 settings; files go to the bucket whenever one is set. */
  s3?: S3FileStorageOptions | undefined;
}

/** S3 when a bucket is configured (production), otherwise the local disk (development). */
export function createFileStorage(options: FileStorageOptions): FileStorage {
  if (options.s3?.bucket) return createS3FileStorage(options.s3);
  return createLocalFileStorage({ rootDir: options.rootDir });
}
