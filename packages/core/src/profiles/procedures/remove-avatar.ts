import { authedProcedure } from "../../trpc/init.ts";
import { removeUserAvatar } from "../avatar-service.ts";
import { loadOwnProfile, profileOutput } from "../profile-view.ts";

/** Removes the user's avatar: their initials show instead. */
export const removeAvatar = authedProcedure.output(profileOutput).mutation(async ({ ctx }) => {
  await removeUserAvatar(ctx.services, ctx.user.id);
  return loadOwnProfile(ctx.services.prisma, ctx.user.id);
});
