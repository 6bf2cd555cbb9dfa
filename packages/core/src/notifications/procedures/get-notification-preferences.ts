import { z } from "zod";
import { notificationKind } from "../../contracts/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { adminNotificationKinds, kindPolicies, notificationKinds } from "../kinds.ts";
import { preferencesOf } from "../preferences.ts";

export const preferenceRow = z.object({
  kind: notificationKind,
  inApp: z.boolean(),
  email: z.boolean(),
  /** False when the kind is never e-mailed (the form shows no e-mail box). */
  emailOffered: z.boolean(),
});

/** The viewer's channels per kind (their choices, else the defaults); admin kinds for admins. */
export const getPreferences = authedProcedure
  .output(z.array(preferenceRow))
  .query(async ({ ctx }) => {
    const preferences = await preferencesOf(ctx.services.prisma, ctx.user.id);
    const isAdmin = ctx.user.role === "ADMIN";
    return notificationKinds
      .filter((kind) => isAdmin || !adminNotificationKinds.includes(kind))
      .map((kind) => ({
        kind,
        ...preferences[kind],
        emailOffered: kindPolicies[kind].emailOffered,
      }));
  });
