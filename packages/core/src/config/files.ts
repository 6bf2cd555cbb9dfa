import path from "node:path";
import type { FileStorageOptions } from "@mentora/files";
import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString, repoRoot } from "./slice.ts";

export const fileStorageConfig = defineConfigSlice({
  env: {
    FILES_DIR: optionalString,
    S3_BUCKET: optionalString,
    S3_REGION: z.string().trim().min(1).default("us-east-1"),
    S3_ENDPOINT: optionalString.pipe(z.url().optional()),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_FORCE_PATH_STYLE: z.stringbool().default(false),
    // Production (what a production start requires; see docs/deploy.md).
    FILES_DIR_SHARED: z.stringbool().default(false),
  },
  check(env, ctx, { production }) {
    if (production && !env.S3_BUCKET && !env.FILES_DIR) {
      configProblem(
        ctx,
        "S3_BUCKET",
        "is required in production (or FILES_DIR with FILES_DIR_SHARED=true: one disk every replica mounts)",
      );
    } else if (production && !env.S3_BUCKET && env.FILES_DIR_SHARED !== true) {
      configProblem(
        ctx,
        "FILES_DIR_SHARED",
        "must be true when FILES_DIR stores files in production (every web and worker replica mounts the same disk), or set S3_BUCKET",
      );
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      configProblem(
        ctx,
        env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID",
        "S3 credentials need both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
      );
    }
  },
  section: (env): FileStorageOptions => ({
    rootDir: path.resolve(repoRoot(), env.FILES_DIR ?? ".data/files"),
    s3: env.S3_BUCKET
      ? {
          bucket: env.S3_BUCKET,
          region: env.S3_REGION,
          endpoint: env.S3_ENDPOINT,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
          forcePathStyle: env.S3_FORCE_PATH_STYLE,
          timeoutMs: 10_000,
        }
      : undefined,
  }),
});
