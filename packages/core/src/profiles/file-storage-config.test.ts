import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig as loadAnyConfig } from "../config/index.ts";

const loadConfig = (env: NodeJS.ProcessEnv) => loadAnyConfig({ NODE_ENV: "development", ...env });

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

describe("file storage configuration (avatars)", () => {
  it("defaults to <repo>/.data/files, whatever the working directory", () => {
    expect(loadConfig({}).fileStorage).toEqual({
      rootDir: path.join(repoRoot, ".data/files"),
      s3: undefined,
    });
    expect(loadConfig({ FILES_DIR: "tmp/files" }).fileStorage.rootDir).toBe(
      path.join(repoRoot, "tmp/files"),
    );
    expect(loadConfig({ FILES_DIR: "/srv/mentora/files" }).fileStorage.rootDir).toBe(
      "/srv/mentora/files",
    );
  });

  it("uses a bucket when S3_BUCKET is set", () => {
    const config = loadConfig({
      S3_BUCKET: "avatars",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_ACCESS_KEY_ID: "key",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(config.fileStorage.s3).toMatchObject({
      bucket: "avatars",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9000",
      accessKeyId: "key",
      secretAccessKey: "secret",
      forcePathStyle: true,
    });
  });

  it("refuses half a set of S3 credentials", () => {
    expect(() => loadConfig({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "key" })).toThrowError(
      /S3_SECRET_ACCESS_KEY/,
    );
  });
});
