import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { assertValidContentType } from "./content-type.ts";
import { ImmutableFileConflictError } from "./errors.ts";
import { assertValidFileKey } from "./file-key.ts";
import { etagForSha256, sha256Hex } from "./hash.ts";
import type { FileHead, FileStorage, PutFileOptions, PutFileResult, StoredFile } from "./types.ts";

export interface LocalFileStorageOptions {
  /** Directory holding the files; the app passes `<repo>/.data/files`. Created on first put. */
  rootDir: string;
}

/** What the `.<name>.meta.json` sidecar next to each file records. */
interface Sidecar {
  contentType: string;
  sha256: string;
  size: number;
}

const fallbackContentType = "application/octet-stream";

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** ENOTDIR: a parent of the key is a file, so the key cannot exist either. */
function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ENOENT" || code === "ENOTDIR";
}

// Keys never have dot-segments (file-key.ts), so these names cannot collide with a key.
function sidecarPathFor(filePath: string): string {
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}.meta.json`);
}

function tempPathFor(filePath: string): string {
  const suffix = randomBytes(6).toString("hex");
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}.${suffix}.tmp`);
}

/** Writes a new file and flushes it to disk before it is renamed into place. */
async function writeDurably(filePath: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(filePath, "wx");
  try {
    await handle.writeFile(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Makes the renames durable; some platforms cannot open directories, which is fine. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort only.
  }
}

async function readSidecar(filePath: string): Promise<Sidecar | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(sidecarPathFor(filePath), "utf8"));
    const sidecar = parsed as Partial<Sidecar> | null;
    if (
      typeof sidecar?.contentType === "string" &&
      typeof sidecar.sha256 === "string" &&
      typeof sidecar.size === "number"
    ) {
      return sidecar as Sidecar;
    }
    return undefined;
  } catch (error) {
    if (isMissing(error) || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

async function readIfFile(filePath: string): Promise<Buffer | null> {
  try {
    return await readFile(filePath);
  } catch (error) {
    // EISDIR: the key names a "folder" of other keys, not a file.
    if (isMissing(error) || errorCode(error) === "EISDIR") return null;
    throw error;
  }
}

/**
 * Files on the local disk, for development and single-host installs. Each put writes a temp
 * file, flushes it and renames it into place, so readers never see a half-written file.
 */
export function createLocalFileStorage(options: LocalFileStorageOptions): FileStorage {
  const rootDir = path.resolve(options.rootDir);

  function pathFor(key: string): string {
    assertValidFileKey(key);
    // "@" cannot appear in a key, so a file ("a" → "a@") never collides with a folder of other
    // keys ("a/b" → folder "a"): S3 allows both, and so must the disk.
    const filePath = `${path.join(rootDir, ...key.split("/"))}@`;
    // Defence in depth: validation already rules out every way out of rootDir.
    if (!filePath.startsWith(rootDir + path.sep)) throw new Error("File key escapes rootDir");
    return filePath;
  }

  /** Immutable put: link() creates the name only if it does not exist yet, atomically. */
  async function linkUnlessPresent(
    key: string,
    tempPath: string,
    filePath: string,
    sha256: string,
  ) {
    try {
      await link(tempPath, filePath);
      return true;
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    const existing = await readIfFile(filePath);
    if (!existing || sha256Hex(existing) !== sha256) throw new ImmutableFileConflictError(key);
    return false;
  }

  async function head(key: string): Promise<FileHead | null> {
    const filePath = pathFor(key);
    let size: number;
    try {
      const stats = await stat(filePath);
      if (!stats.isFile()) return null;
      size = stats.size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const sidecar = await readSidecar(filePath);
    let sha256 = sidecar?.size === size ? sidecar.sha256 : undefined;
    if (!sha256) {
      // No sidecar, or one describing other bytes (an overwrite in progress): hash the file.
      const bytes = await readIfFile(filePath);
      if (!bytes) return null;
      sha256 = sha256Hex(bytes);
    }
    return {
      contentType: sidecar?.contentType ?? fallbackContentType,
      size,
      sha256,
      etag: etagForSha256(sha256),
    };
  }

  return {
    kind: "local",

    async put(key: string, bytes: Uint8Array, putOptions: PutFileOptions): Promise<PutFileResult> {
      const filePath = pathFor(key);
      assertValidContentType(putOptions.contentType);
      const sha256 = sha256Hex(bytes);
      const sidecar: Sidecar = {
        contentType: putOptions.contentType,
        sha256,
        size: bytes.byteLength,
      };
      const sidecarPath = sidecarPathFor(filePath);
      const directory = path.dirname(filePath);
      await mkdir(directory, { recursive: true });
      const dataTemp = tempPathFor(filePath);
      const sidecarTemp = tempPathFor(sidecarPath);
      try {
        await writeDurably(dataTemp, bytes);
        await writeDurably(sidecarTemp, JSON.stringify(sidecar));
        if (putOptions.immutable) {
          const created = await linkUnlessPresent(key, dataTemp, filePath, sha256);
          // The same bytes again keep their first sidecar, unless it went missing.
          if (created || !(await readSidecar(filePath))) await rename(sidecarTemp, sidecarPath);
        } else {
          // Sidecar first: until the data lands, a new key reads as missing rather than as
          // bytes without a content type.
          await rename(sidecarTemp, sidecarPath);
          await rename(dataTemp, filePath);
        }
        await syncDirectory(directory);
      } finally {
        await rm(dataTemp, { force: true });
        await rm(sidecarTemp, { force: true });
      }
      return { key, size: bytes.byteLength, sha256, etag: etagForSha256(sha256) };
    },

    async get(key: string): Promise<StoredFile | null> {
      const filePath = pathFor(key);
      const bytes = await readIfFile(filePath);
      if (!bytes) return null;
      const sidecar = await readSidecar(filePath);
      const sha256 = sha256Hex(bytes);
      return {
        bytes,
        contentType: sidecar?.contentType ?? fallbackContentType,
        size: bytes.byteLength,
        sha256,
        etag: etagForSha256(sha256),
      };
    },

    head,

    async delete(key: string): Promise<void> {
      const filePath = pathFor(key);
      try {
        // Data first: once it is gone the key reads as missing, whatever happens next.
        await rm(filePath, { force: true });
      } catch (error) {
        // A "folder" of other keys: there is no file with this key to delete.
        if (errorCode(error) === "ERR_FS_EISDIR" || errorCode(error) === "EISDIR") return;
        if (!isMissing(error)) throw error;
      }
      await rm(sidecarPathFor(filePath), { force: true }).catch((error: unknown) => {
        if (!isMissing(error)) throw error;
      });
    },

    async exists(key: string): Promise<boolean> {
      try {
        return (await stat(pathFor(key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}
