import { createAvatar } from "@dicebear/core";
import * as lorelei from "@dicebear/lorelei";
import type { Db } from "@mentora/db";
import type { FileStorage } from "@mentora/files";
import type { Logger } from "../logger/index.ts";
import { storeAvatar } from "./store-avatar.ts";

/** Soft backgrounds the portraits are drawn on (DiceBear picks one per seed). */
const backgrounds = ["b6e3f4", "c0aede", "d1d4f9", "ffd5dc", "ffdfbf", "c7f0d2"];
/** Natural skin tones and hair colours, so the directory looks like people rather than ink. */
const skinTones = ["f9d7c1", "f1c27d", "e0ac69", "c68642", "a0673f", "8d5524", "5c3a21"];
const hairColours = ["2c1b10", "4a2f1b", "6a4e35", "b58143", "d6b370", "8d8d8d", "1b1b1b"];
/** Friendly faces only: a mentor's picture should not frown. */
const mouths = Array.from({ length: 18 }, (_, i) => `happy${String(i + 1).padStart(2, "0")}`);

/**
 * A portrait for a demo person, drawn locally (no network) from a seed: DiceBear's "Lorelei"
 * style (design by Lisa Wischofsky, CC0 1.0; code MIT), rendered from SVG to a 512 px PNG by
 * sharp. The same seed always gives the same picture.
 */
export async function demoAvatarPng(seed: string): Promise<Uint8Array> {
  const svg = createAvatar(lorelei, {
    seed,
    size: 512,
    backgroundColor: backgrounds,
    backgroundType: ["solid"],
    skinColor: skinTones,
    hairColor: hairColours,
    mouth: mouths as lorelei.Options["mouth"],
    beardProbability: 15,
  }).toString();
  // Loaded here, not with the module: the web's cold start skips it (decision 059).
  const { default: sharp } = await import("sharp");
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

/**
 * Gives each of these demo accounts that has no avatar a generated portrait, stored like an
 * upload (storeAvatar: checked, re-encoded to WebP, content-hash version). Accounts whose owner
 * chose or removed a picture keep it: only a null avatarVersion gets one, and only once per
 * start. Returns how many were stored.
 */
export async function seedDemoAvatars(
  { prisma, files, logger }: { prisma: Db; files: FileStorage; logger?: Logger },
  emails: readonly string[],
): Promise<number> {
  const users = await prisma.user.findMany({
    where: { email: { in: [...emails] }, avatarVersion: null, deletedAt: null },
    select: { id: true, email: true },
  });
  let stored = 0;
  for (const user of users) {
    try {
      const { avatarVersion } = await storeAvatar(files, user.id, await demoAvatarPng(user.email));
      const { count } = await prisma.user.updateMany({
        where: { id: user.id, avatarVersion: null },
        data: { avatarVersion },
      });
      stored += count;
    } catch (err) {
      // A demo picture is a nicety: the initials stay when one cannot be made.
      logger?.warn({ err, userId: user.id }, "demo avatar not stored");
    }
  }
  return stored;
}
