import { describe, expect, it } from "vitest";
import { createFileStorage } from "./create-file-storage.ts";

describe("createFileStorage", () => {
  it("uses the local disk when no bucket is configured", () => {
    expect(createFileStorage({ rootDir: "/tmp/mentora-files" }).kind).toBe("local");
  });

  it("uses S3 when a bucket is configured", async () => {
    const storage = createFileStorage({
      rootDir: "/tmp/mentora-files",
      s3: {
        region: "eu-west-3",
        bucket: "mentora-files",
        accessKeyId: "id",
        secretAccessKey: "secret",
        forcePathStyle: false,
        timeoutMs: 1000,
      },
    });
    expect(storage.kind).toBe("s3");
    await storage.close?.();
  });
});
