import { createHash } from "node:crypto";
import type { FileStorage } from "../files/index.ts";
import { avatarKey, avatarUrl, avatarUserSegment } from "./avatar-keys.ts";
import { type AvatarSize, type ProcessedAvatar, processAvatar } from "./process-avatar.ts";

export interface StoredAvatarFile {
  size: AvatarSize;
  key: string;
  /** Path the web app serves the file under, e.g. `/files/avatars/…/…-64.webp`. */
  url: string;
}

export interface StoredAvatar {
  /** Save on the user (User.avatarVersion); the keys and URLs derive from it. */
  avatarVersion: string;
  files: StoredAvatarFile[];
}

/**
 * A short hash of the encoded files, not of the upload: the same upload re-encoded by another
 * sharp version gets a new version instead of clashing with the immutable files of the old one.
 */
function avatarVersionOf(avatar: ProcessedAvatar): string {
  const hash = createHash("sha256");
  for (const { size, bytes } of avatar.sizes) {
    hash.update(`${size}:${bytes.byteLength}:`).update(bytes);
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Validates and re-encodes an upload (see processAvatar), then stores every size under
 * immutable, versioned keys. Throws AvatarError for a refused image. Earlier versions stay
 * in storage; the caller saves `avatarVersion` on the user.
 */
export async function storeAvatar(
  storage: FileStorage,
  userId: string,
  bytes: Uint8Array,
): Promise<StoredAvatar> {
  // Fails fast on an unusable user id, before any image work.
  avatarUserSegment(userId);
  const avatar = await processAvatar(bytes);
  const avatarVersion = avatarVersionOf(avatar);
  const files = await Promise.all(
    avatar.sizes.map(async ({ size, bytes: encoded, contentType }) => {
      const key = avatarKey(userId, avatarVersion, size);
      await storage.put(key, encoded, { contentType, immutable: true });
      return { size, key, url: avatarUrl(userId, avatarVersion, size) };
    }),
  );
  return { avatarVersion, files };
}
