import { avatarUrl } from "@mentora/core/avatars";

/** Where a person's stored avatar is served, or null (the page then shows their initials). */
export function avatarOf(
  user: { id: string; avatarVersion: string | null },
  size: 64 | 256 = 64,
): string | null {
  return user.avatarVersion ? avatarUrl(user.id, user.avatarVersion, size) : null;
}

/** The same object with its `avatarUrl`. */
export function withAvatar<T extends { id: string; avatarVersion: string | null }>(
  user: T,
  size: 64 | 256 = 64,
): T & { avatarUrl: string | null } {
  return { ...user, avatarUrl: avatarOf(user, size) };
}
