import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { S3FileStorageOptions } from "../s3-file-storage.ts";

/** The part of s3rver 3.7's API these tests use (the package ships no types). */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: Array<{ name: string }>;
}) => S3rverInstance;

const S3rver = createRequire(import.meta.url)("s3rver") as S3rverConstructor;

export interface S3TestServer {
  /** Options for createS3FileStorage pointing at this server's bucket. */
  storageOptions: S3FileStorageOptions;
  close(): Promise<void>;
}

/** A real S3-compatible server on a free port, storing into a fresh temp directory. */
export async function startS3TestServer(bucket = "mentora-test"): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(tmpdir(), "mentora-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    storageOptions: {
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      bucket,
      // s3rver's built-in account.
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
      timeoutMs: 5000,
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
