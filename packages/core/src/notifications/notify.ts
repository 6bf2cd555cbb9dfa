import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { enqueue } from "../jobs/define.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import { publishRealtime } from "../realtime/index.ts";
import { notificationDigestQueue } from "./digest.queue.ts";
import { kindPolicies, type NotificationKind } from "./kinds.ts";
import { channelsOf } from "./preferences.ts";

type Tx = Prisma.TransactionClient;

/** The facts a notification line shows, frozen when it happened (ids and a few values). */
export interface NotificationData {
  /** Where the line links to, inside the app ("/bookings/…"). */
  path: string;
  title?: string;
  startsAt?: string;
  amountMinor?: number;
  currency?: string;
  number?: string;
  provider?: string;
  status?: string;
  [id: string]: string | number | undefined;
}

export interface NotifyInput {
  userIds: readonly string[];
  kind: NotificationKind;
  /** What it is about (booking, payout, invoice…): the line links there. */
  subjectId: string;
  data: NotificationData;
  /** What makes it unique per recipient (usually the causing event's id): replays add nothing. */
  dedupeKey: string;
  now?: Date;
}

/** Digests are batched per person over windows this long (decision 033). */
export const digestWindowMs = 5 * 60_000;

/**
 * Plans the digest job that will e-mail a notification due at `dueAt`: one job per person and
 * window, run at the window's end (a name-based id: the next notification of the same window
 * finds the job there and adds nothing).
 */
export async function scheduleDigest(
  services: Pick<AppServices, "boss">,
  tx: Tx,
  userId: string,
  dueAt: Date,
): Promise<void> {
  const window = Math.floor(dueAt.getTime() / digestWindowMs);
  await enqueue(
    services.boss,
    notificationDigestQueue,
    { userId },
    {
      db: fromPrisma(tx),
      id: deterministicJobId(notificationDigestQueue.name, userId, window),
      startAfter: new Date((window + 1) * digestWindowMs),
    },
  );
}

/**
 * Tells these people about something, IN the caller's transaction: one row each (skipped for
 * whoever turned both channels off for this kind), a realtime message to the bell of each whose
 * in-app channel is on, and the digest that e-mails what is still unread after the kind's delay
 * (at once for a person who sees nothing in the app). Idempotent per (recipient, dedupeKey).
 * Returns the ids of the rows it created.
 */
export async function notify(
  services: Pick<AppServices, "boss">,
  tx: Tx,
  input: NotifyInput,
): Promise<string[]> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return [];
  const now = input.now ?? new Date();
  const policy = kindPolicies[input.kind];
  const channels = await channelsOf(tx, userIds, input.kind);
  const rows = userIds.flatMap((recipientId) => {
    const choice = channels.get(recipientId);
    if (!choice || (!choice.inApp && !choice.email)) return [];
    const delay = choice.inApp ? policy.emailDelayMinutes * 60_000 : 0;
    return [
      {
        recipientId,
        kind: input.kind,
        subjectId: input.subjectId,
        data: input.data as Prisma.InputJsonValue,
        dedupeKey: input.dedupeKey,
        shownInApp: choice.inApp,
        createdAt: now,
        emailDueAt: choice.email ? new Date(now.getTime() + delay) : null,
      },
    ];
  });
  if (rows.length === 0) return [];
  const created = await tx.notification.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true, recipientId: true, shownInApp: true, emailDueAt: true },
  });
  for (const row of created) {
    if (row.shownInApp) {
      await publishRealtime(tx, { userIds: [row.recipientId], topic: "notification", ref: row.id });
    }
    if (row.emailDueAt) await scheduleDigest(services, tx, row.recipientId, row.emailDueAt);
  }
  return created.map((row) => row.id);
}

/** The people with the ADMIN role (not deleted): who receives the admin kinds. */
export async function adminIds(tx: Tx): Promise<string[]> {
  const admins = await tx.user.findMany({
    where: { role: "ADMIN", deletedAt: null },
    select: { id: true },
  });
  return admins.map((admin) => admin.id);
}

/**
 * Marks read what a person was told about one thing, when they saw the thing itself (e.g. a
 * conversation opened: its "new message" lines are read, and never e-mailed). In the caller's
 * transaction; their open bells hear it. Returns how many changed.
 */
export async function markReadAbout(
  tx: Tx,
  input: { userId: string; subjectId: string; kinds?: readonly NotificationKind[]; now?: Date },
): Promise<number> {
  const { count } = await tx.notification.updateMany({
    where: {
      recipientId: input.userId,
      subjectId: input.subjectId,
      readAt: null,
      ...(input.kinds ? { kind: { in: [...input.kinds] } } : {}),
    },
    data: { readAt: input.now ?? new Date() },
  });
  if (count > 0) {
    await publishRealtime(tx, {
      userIds: [input.userId],
      topic: "notification",
      ref: input.subjectId,
    });
  }
  return count;
}
