import { fileUrlPath } from "../files/index.ts";
import type { AvatarSize } from "./process-avatar.ts";

const userIdPattern = /^[A-Za-z0-9_-]{1,128}$/;
const avatarVersionPattern = /^[0-9a-f]{16}$/;

/**
 * The user id as a key segment. Keys are lowercase, but ids may not be (better-auth's are
 * mixed-case), so `_` becomes `__` and `A` becomes `_a`: distinct ids never share a folder,
 * and lowercase ids (UUIDs) stay unchanged.
 */
export function avatarUserSegment(userId: string): string {
  if (!userIdPattern.test(userId)) throw new TypeError("Unexpected user id format for avatars");
  return userId.replace(/[A-Z_]/g, (character) =>
    character === "_" ? "__" : `_${character.toLowerCase()}`,
  );
}

/** `avatars/<user>/<version>-<size>.webp`: a new avatar gets new keys, so URLs cache forever. */
export function avatarKey(userId: string, avatarVersion: string, size: AvatarSize): string {
  if (!avatarVersionPattern.test(avatarVersion)) throw new TypeError("Invalid avatar version");
  return `avatars/${avatarUserSegment(userId)}/${avatarVersion}-${size}.webp`;
}

/** Where the web app serves that avatar, e.g. for `<img src>`. */
export function avatarUrl(userId: string, avatarVersion: string, size: AvatarSize): string {
  return fileUrlPath(avatarKey(userId, avatarVersion, size));
}
