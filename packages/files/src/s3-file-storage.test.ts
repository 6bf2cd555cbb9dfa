import { createServer, type Server, type Socket } from "node:net";
import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileIntegrityError, ImmutableFileConflictError } from "./errors.ts";
import { sha256Hex } from "./hash.ts";
import { createS3FileStorage } from "./s3-file-storage.ts";
import { describeFileStorageConformance } from "./testing/file-storage-conformance.ts";
import { type S3TestServer, startS3TestServer } from "./testing/s3-test-server.ts";
import type { FileStorage } from "./types.ts";

describeFileStorageConformance("s3 (s3rver)", async () => {
  const server = await startS3TestServer();
  const storage = createS3FileStorage(server.storageOptions);
  return {
    storage,
    async cleanup() {
      await storage.close?.();
      await server.close();
    },
  };
});

describe("createS3FileStorage", () => {
  let server: S3TestServer;
  let storage: FileStorage;
  let raw: S3Client;
  const bytes = new TextEncoder().encode("hello s3");

  beforeAll(async () => {
    server = await startS3TestServer("mentora-driver");
    storage = createS3FileStorage(server.storageOptions);
    const { endpoint, region, forcePathStyle, accessKeyId, secretAccessKey } =
      server.storageOptions;
    raw = new S3Client({
      endpoint,
      region,
      forcePathStyle,
      credentials: { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! },
    });
  });
  afterAll(async () => {
    raw?.destroy();
    await storage?.close?.();
    await server?.close();
  });

  /** Writes the way another tool would: no sha256 metadata, or whatever metadata we say. */
  async function putRaw(key: string, body: Uint8Array, metadata?: Record<string, string>) {
    await raw.send(
      new PutObjectCommand({
        Bucket: "mentora-driver",
        Key: key,
        Body: body,
        ContentType: "text/plain",
        Metadata: metadata,
      }),
    );
  }

  it("keeps the sha256 as object metadata", async () => {
    await storage.put("meta/hello.txt", bytes, { contentType: "text/plain" });
    const head = await raw.send(
      new HeadObjectCommand({ Bucket: "mentora-driver", Key: "meta/hello.txt" }),
    );
    expect(head.Metadata).toEqual({ sha256: sha256Hex(bytes) });
    expect(head.ContentType).toBe("text/plain");
  });

  it("reads objects written without the metadata, and guards them when immutable", async () => {
    await putRaw("foreign/plain.txt", bytes);
    expect((await storage.head("foreign/plain.txt"))?.sha256).toBeUndefined();
    expect((await storage.get("foreign/plain.txt"))?.sha256).toBe(sha256Hex(bytes));

    await expect(
      storage.put("foreign/plain.txt", bytes, { contentType: "text/plain", immutable: true }),
    ).resolves.toMatchObject({ sha256: sha256Hex(bytes) });
    await expect(
      storage.put("foreign/plain.txt", new TextEncoder().encode("other"), {
        contentType: "text/plain",
        immutable: true,
      }),
    ).rejects.toThrow(ImmutableFileConflictError);
  });

  it("refuses bytes that no longer match their recorded sha256", async () => {
    await putRaw("tampered/invoice.txt", bytes, { sha256: sha256Hex(new Uint8Array([1])) });
    await expect(storage.get("tampered/invoice.txt")).rejects.toThrow(FileIntegrityError);
  });
});

describe("createS3FileStorage timeouts", () => {
  let blackHole: Server;
  const sockets = new Set<Socket>();
  let port: number;

  beforeAll(async () => {
    // Accepts connections and never answers: the worst kind of outage.
    blackHole = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    port = (blackHole.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it("gives up on a server that never answers, retries included, within a bounded time", async () => {
    const storage = createS3FileStorage({
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      bucket: "mentora-test",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
      timeoutMs: 200,
    });
    const started = performance.now();
    await expect(storage.get("slow/file.txt")).rejects.toThrow();
    const elapsedMs = performance.now() - started;
    await storage.close?.();
    // 3 attempts x 200 ms plus backoff; the hard cap is 4 x 200 ms.
    expect(elapsedMs).toBeGreaterThanOrEqual(200);
    expect(elapsedMs).toBeLessThan(3000);
  });
});
