import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { decodeAvatarBase64, maxAvatarBase64Length, setUserAvatar } from "../avatar-service.ts";
import { loadOwnProfile, profileOutput } from "../profile-view.ts";

export const setAvatarInput = z
  .object({
    /** A JPEG, PNG or WebP of at most 5 MB, base64 (optionally as a data URL). */
    imageBase64: z.string().min(1).max(maxAvatarBase64Length),
  })
  .strict();

/**
 * Replaces the user's avatar. Refused images fail with AVATAR_TOO_LARGE,
 * AVATAR_UNSUPPORTED_TYPE or AVATAR_UNREADABLE.
 */
export const setAvatar = authedProcedure
  .input(setAvatarInput)
  .output(profileOutput)
  .mutation(async ({ ctx, input }) => {
    const bytes = decodeAvatarBase64(input.imageBase64);
    await setUserAvatar(ctx.services, ctx.user.id, bytes);
    return loadOwnProfile(ctx.services.prisma, ctx.user.id);
  });
