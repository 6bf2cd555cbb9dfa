import type { Prisma } from "@mentora/db";
import { kindPolicies, type NotificationKind, notificationKinds } from "./kinds.ts";

type Db = Pick<Prisma.TransactionClient, "notificationPreference">;

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
}

/** The effective channels of these people for one kind: their row, else the kind's default. */
export async function channelsOf(
  db: Db,
  userIds: readonly string[],
  kind: NotificationKind,
): Promise<Map<string, ChannelChoice>> {
  const policy = kindPolicies[kind];
  const rows = await db.notificationPreference.findMany({
    where: { userId: { in: [...userIds] }, kind },
    select: { userId: true, inApp: true, email: true },
  });
  const byUser = new Map(rows.map((row) => [row.userId, row]));
  return new Map(
    userIds.map((userId) => {
      const row = byUser.get(userId);
      const choice = row ?? { inApp: policy.inApp, email: policy.email };
      return [userId, { inApp: choice.inApp, email: policy.emailOffered && choice.email }];
    }),
  );
}

/** Every kind's effective channels for one person. */
export async function preferencesOf(
  db: Db,
  userId: string,
): Promise<Record<NotificationKind, ChannelChoice>> {
  const rows = await db.notificationPreference.findMany({ where: { userId } });
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return Object.fromEntries(
    notificationKinds.map((kind) => {
      const policy = kindPolicies[kind];
      const row = byKind.get(kind);
      return [
        kind,
        {
          inApp: row?.inApp ?? policy.inApp,
          email: policy.emailOffered && (row?.email ?? policy.email),
        },
      ];
    }),
  ) as Record<NotificationKind, ChannelChoice>;
}

/**
 * Stores a person's choices: a choice equal to the kind's default removes the row, so a later
 * change of default reaches everyone who never chose otherwise.
 */
export async function savePreferences(
  db: Db,
  userId: string,
  choices: Partial<Record<NotificationKind, ChannelChoice>>,
): Promise<void> {
  for (const [kind, choice] of Object.entries(choices) as [NotificationKind, ChannelChoice][]) {
    const policy = kindPolicies[kind];
    const email = policy.emailOffered && choice.email;
    if (choice.inApp === policy.inApp && email === policy.email) {
      await db.notificationPreference.deleteMany({ where: { userId, kind } });
      continue;
    }
    await db.notificationPreference.upsert({
      where: { userId_kind: { userId, kind } },
      create: { userId, kind, inApp: choice.inApp, email },
      update: { inApp: choice.inApp, email },
    });
  }
}
