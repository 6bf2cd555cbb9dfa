import { authedProcedure } from "../../trpc/init.ts";
import { loadOwnProfile, profileOutput } from "../profile-view.ts";

/** The signed-in user's own profile, with their skills, avatar and mentor application. */
export const getProfile = authedProcedure
  .output(profileOutput)
  .query(({ ctx }) => loadOwnProfile(ctx.services.prisma, ctx.user.id));
