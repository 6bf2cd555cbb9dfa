import type { AvatarSize } from "../avatars/index.ts";
import { avatarUrl as storedAvatarUrl } from "../avatars/index.ts";

/**
 * Where the user's avatar is served at this size (`/files/avatars/<user>/<version>-<size>.webp`),
 * or null when they have none: the UI then shows their initials image.
 */
export function avatarUrl(
  user: { id: string; avatarVersion: string | null },
  size: AvatarSize,
): string | null {
  return user.avatarVersion ? storedAvatarUrl(user.id, user.avatarVersion, size) : null;
}
