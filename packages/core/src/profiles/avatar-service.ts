import { randomUUID } from "node:crypto";
import type { AppServices } from "../app/types.ts";
import { AvatarError, avatarKey, avatarSizes, storeAvatar } from "../avatars/index.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { profileChanged } from "./events.ts";

type AvatarServices = AppServices;

/** Base64 of a 5 MB image is ~6.7 M characters: the bound leaves room for a data-URL prefix. */
export const maxAvatarBase64Length = 7_000_000;

const dataUrlPrefix = /^data:[a-z]+\/[a-z0-9.+-]+;base64,/i;
const base64Body = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of a base64 upload (a bare string or a `data:…;base64,` URL). What the bytes are
 * is decided later from their content, never from the prefix.
 */
export function decodeAvatarBase64(input: string): Uint8Array {
  const body = input.replace(dataUrlPrefix, "").replace(/\s+/g, "");
  if (body.length === 0 || body.length % 4 === 1 || !base64Body.test(body)) {
    throw new AppError("AVATAR_UNREADABLE");
  }
  return Buffer.from(body, "base64");
}

async function deleteAvatarFiles(
  services: AvatarServices,
  userId: string,
  avatarVersion: string,
): Promise<void> {
  try {
    await Promise.all(
      avatarSizes.map((size) => services.files.delete(avatarKey(userId, avatarVersion, size))),
    );
  } catch (error) {
    // The user's record no longer points at them: a leftover file is harmless, only space.
    services.logger.warn({ err: error, userId, avatarVersion }, "could not delete old avatar");
  }
}

/**
 * Validates, re-encodes and stores a new avatar, then points the user at it and deletes the
 * files of the one it replaces. A refused image throws AppError with the AvatarError's code.
 */
export async function setUserAvatar(
  services: AvatarServices,
  userId: string,
  bytes: Uint8Array,
): Promise<{ avatarVersion: string }> {
  const user = await services.prisma.user.findUnique({
    where: { id: userId },
    select: { avatarVersion: true },
  });
  if (!user) throw new AppError("UNAUTHORIZED");
  let stored: Awaited<ReturnType<typeof storeAvatar>>;
  try {
    stored = await storeAvatar(services.files, userId, bytes);
  } catch (error) {
    if (error instanceof AvatarError) throw new AppError(error.code, error.details);
    throw error;
  }
  // Guarded: a concurrent change of avatar wins, and this one reports the conflict.
  // Recorded with the change: moderation checks the new avatar (issue #16).
  await services.prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, avatarVersion: user.avatarVersion },
      data: { avatarVersion: stored.avatarVersion },
    });
    if (count === 0) throw new AppError("CONFLICT");
    await recordEvent(
      services,
      tx,
      profileChanged.of({ userId, changeId: randomUUID(), fields: ["avatar"] }),
    );
  });
  if (user.avatarVersion && user.avatarVersion !== stored.avatarVersion) {
    await deleteAvatarFiles(services, userId, user.avatarVersion);
  }
  return { avatarVersion: stored.avatarVersion };
}

/** Back to the initials image; the old files are deleted. Removing no avatar is a no-op. */
export async function removeUserAvatar(services: AvatarServices, userId: string): Promise<void> {
  const user = await services.prisma.user.findUnique({
    where: { id: userId },
    select: { avatarVersion: true },
  });
  if (!user) throw new AppError("UNAUTHORIZED");
  if (!user.avatarVersion) return;
  await services.prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, avatarVersion: user.avatarVersion },
      data: { avatarVersion: null },
    });
    if (count === 0) throw new AppError("CONFLICT");
    await recordEvent(
      services,
      tx,
      profileChanged.of({ userId, changeId: randomUUID(), fields: ["avatar"] }),
    );
  });
  await deleteAvatarFiles(services, userId, user.avatarVersion);
}
