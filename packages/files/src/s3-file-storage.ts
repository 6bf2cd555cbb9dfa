import type { S3Client } from "@aws-sdk/client-s3";
import { assertValidContentType } from "./content-type.ts";
import { FileIntegrityError, ImmutableFileConflictError } from "./errors.ts";
import { assertValidFileKey } from "./file-key.ts";
import { etagForSha256, sha256Hex } from "./hash.ts";
import type { FileHead, FileStorage, PutFileOptions, PutFileResult, StoredFile } from "./types.ts";

export interface S3FileStorageOptions {
  /** An S3-compatible server (MinIO, R2, s3rver…); omit for AWS S3 itself. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  /** Omit both keys to use the SDK's default credential chain (instance role, env…). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** `endpoint/bucket/key` URLs rather than `bucket.endpoint/key`; most self-hosted servers need it. */
  forcePathStyle: boolean;
  /** Bound on connecting and on each attempt; a whole call, retries included, gets a few of these. */
  timeoutMs: number;
}

// The SDK retries throttling, 5xx and network errors with jittered backoff, up to this many tries.
const maxAttempts = 3;
const sha256MetadataKey = "sha256";
const fallbackContentType = "application/octet-stream";

type Sdk = typeof import("@aws-sdk/client-s3");
let sdkLoading: Promise<Sdk> | undefined;
/**
 * The SDK loads with the first call, not with this module: it is hundreds of modules that every
 * process (the web server's start included) would otherwise load whether files go to S3 or not
 * (decision 066).
 */
function loadSdk(): Promise<Sdk> {
  sdkLoading ??= import("@aws-sdk/client-s3");
  return sdkLoading;
}

function statusOf(sdk: Sdk, error: unknown): number | undefined {
  return error instanceof sdk.S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

function isNotFound(sdk: Sdk, error: unknown): boolean {
  return statusOf(sdk, error) === 404;
}

/** 412: someone else created the key first; 409: a concurrent conditional write is in flight. */
function isConditionalWriteRefused(sdk: Sdk, error: unknown): boolean {
  const status = statusOf(sdk, error);
  return status === 412 || status === 409;
}

/** Some S3-compatible servers return bare ETags; HTTP wants them quoted. */
function quotedEtag(etag: string | undefined, sha256: string | undefined): string {
  if (etag) return etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
  return sha256 ? etagForSha256(sha256) : '""';
}

/** Files in an S3 bucket, with the sha256 of each kept as object metadata. */
export function createS3FileStorage(options: S3FileStorageOptions): FileStorage {
  const { bucket, timeoutMs } = options;
  let connecting: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  const s3 = () => {
    connecting ??= loadSdk().then((sdk) => ({ sdk, client: clientOf(sdk) }));
    return connecting;
  };
  const clientOf = (sdk: Sdk) =>
    new sdk.S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      maxAttempts,
      requestHandler: {
        connectionTimeout: timeoutMs,
        requestTimeout: timeoutMs,
        // Without it a request timeout only logs a warning and the request keeps waiting.
        throwOnRequestTimeout: true,
      },
    });

  // The per-attempt timeouts miss a server that drips bytes; this bounds the whole call.
  const callDeadlineMs = timeoutMs * (maxAttempts + 1);

  function callOptions() {
    return { abortSignal: AbortSignal.timeout(callDeadlineMs) };
  }

  async function head(key: string): Promise<FileHead | null> {
    assertValidFileKey(key);
    const { sdk, client } = await s3();
    try {
      const response = await client.send(
        new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }),
        callOptions(),
      );
      const sha256 = response.Metadata?.[sha256MetadataKey];
      return {
        contentType: response.ContentType ?? fallbackContentType,
        size: response.ContentLength ?? 0,
        etag: quotedEtag(response.ETag, sha256),
        ...(sha256 ? { sha256 } : {}),
      };
    } catch (error) {
      if (isNotFound(sdk, error)) return null;
      throw error;
    }
  }

  async function get(key: string): Promise<StoredFile | null> {
    assertValidFileKey(key);
    const { sdk, client } = await s3();
    try {
      const response = await client.send(
        new sdk.GetObjectCommand({ Bucket: bucket, Key: key }),
        callOptions(),
      );
      const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
      const sha256 = sha256Hex(bytes);
      const recorded = response.Metadata?.[sha256MetadataKey];
      if (recorded && recorded !== sha256) throw new FileIntegrityError(key);
      return {
        bytes,
        contentType: response.ContentType ?? fallbackContentType,
        size: bytes.byteLength,
        sha256,
        etag: quotedEtag(response.ETag, sha256),
      };
    } catch (error) {
      if (isNotFound(sdk, error)) return null;
      throw error;
    }
  }

  /** An immutable key already holds a file: fine if it is these very bytes, else a conflict. */
  async function resultForExisting(
    key: string,
    existing: FileHead,
    sha256: string,
  ): Promise<PutFileResult> {
    // Objects written by other tools lack the metadata: compare the bytes themselves.
    const existingSha256 = existing.sha256 ?? (await get(key))?.sha256;
    if (existingSha256 !== sha256) throw new ImmutableFileConflictError(key);
    return { key, size: existing.size, sha256, etag: existing.etag };
  }

  return {
    kind: "s3",

    async put(key: string, bytes: Uint8Array, putOptions: PutFileOptions): Promise<PutFileResult> {
      assertValidFileKey(key);
      assertValidContentType(putOptions.contentType);
      const sha256 = sha256Hex(bytes);
      const immutable = putOptions.immutable === true;
      // Immutability is enforced twice. IfNoneMatch: "*" makes the put itself conditional on
      // AWS S3, MinIO and R2, which closes the race between concurrent writers. s3rver (used in
      // tests) and some other servers ignore it on PUT, so a head first still refuses to
      // overwrite there, leaving only that narrow race open.
      if (immutable) {
        const existing = await head(key);
        if (existing) return resultForExisting(key, existing, sha256);
      }
      const { sdk, client } = await s3();
      try {
        const response = await client.send(
          new sdk.PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: bytes,
            ContentLength: bytes.byteLength,
            ContentType: putOptions.contentType,
            Metadata: { [sha256MetadataKey]: sha256 },
            ...(immutable ? { IfNoneMatch: "*" } : {}),
          }),
          callOptions(),
        );
        return { key, size: bytes.byteLength, sha256, etag: quotedEtag(response.ETag, sha256) };
      } catch (error) {
        if (immutable && isConditionalWriteRefused(sdk, error)) {
          const existing = await head(key);
          if (existing) return resultForExisting(key, existing, sha256);
        }
        throw error;
      }
    },

    get,
    head,

    async delete(key: string): Promise<void> {
      assertValidFileKey(key);
      // S3 answers 204 for missing keys too.
      const { sdk, client } = await s3();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }), callOptions());
    },

    async exists(key: string): Promise<boolean> {
      return (await head(key)) !== null;
    },

    async close(): Promise<void> {
      if (connecting) (await connecting).client.destroy();
    },
  };
}
