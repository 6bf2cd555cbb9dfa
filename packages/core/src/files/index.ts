export { assertValidContentType } from "./content-type.ts";
export { createFileStorage, type FileStorageOptions } from "./create-file-storage.ts";
export { FileIntegrityError, ImmutableFileConflictError, InvalidFileKeyError } from "./errors.ts";
export { assertValidFileKey, fileKeyProblem, isValidFileKey } from "./file-key.ts";
export { sha256Hex } from "./hash.ts";
export { createLocalFileStorage, type LocalFileStorageOptions } from "./local-file-storage.ts";
export { createS3FileStorage, type S3FileStorageOptions } from "./s3-file-storage.ts";
export { type FileResponseOptions, fileResponse, fileUrlPath } from "./serve.ts";
export type { FileHead, FileStorage, PutFileOptions, PutFileResult, StoredFile } from "./types.ts";
