import type { Db, Prisma } from "@mentora/db";
import type { AppServices } from "../app/types.ts";
import type { DomainEvent } from "../events/index.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import { publishRealtime } from "../realtime/index.ts";
import { activityFeed } from "./feed-events.ts";
import type { ActivityMapping } from "./mapping.ts";

type Tx = Prisma.TransactionClient;

const mappings = new Map<string, ActivityMapping>(
  activityFeed.map((mapping) => [mapping.event.type, mapping]),
);

/** The feed mapping of an event type, if the feeds show it. */
export function activityMappingOf(type: string): ActivityMapping | undefined {
  return mappings.get(type);
}

/** The admins' platform feed's key in `activity_entry.feed` (user ids never start with ":"). */
export const platformFeed = ":platform";

/** An entry's id: one per (event, feed), so projecting an event again writes nothing. */
export const activityEntryId = (eventId: string, feed: string) =>
  deterministicJobId("activity", eventId, feed);

/**
 * Writes an event's feed entries in `tx`: one per person it concerns (each under their kind)
 * and one on the platform feed. Returns the people whose feed got a new entry and whether the
 * platform feed did (entries written before are skipped, so a replay reports nobody).
 */
export async function writeActivityEntries(
  tx: Tx,
  event: Pick<DomainEvent, "id" | "type" | "occurredAt" | "data">,
): Promise<{ userIds: string[]; platform: boolean }> {
  const mapping = mappings.get(event.type);
  if (!mapping) return { userIds: [], platform: false };
  const data = mapping.event.schema.parse(event.data);
  const recipients = await mapping.audience(tx, data as never);
  // One entry per person even if they are concerned twice (a mentor booking their own session).
  const byUser = new Map(recipients.map((recipient) => [recipient.userId, recipient.kind]));
  const rows: Prisma.ActivityEntryCreateManyInput[] = [...byUser].map(([userId, kind]) => ({
    id: activityEntryId(event.id, userId),
    feed: userId,
    eventId: event.id,
    eventType: event.type,
    kind,
    occurredAt: new Date(event.occurredAt),
    data: data as Prisma.InputJsonValue,
  }));
  if (mapping.platform) {
    rows.push({
      id: activityEntryId(event.id, platformFeed),
      feed: platformFeed,
      eventId: event.id,
      eventType: event.type,
      kind: mapping.platform,
      occurredAt: new Date(event.occurredAt),
      data: data as Prisma.InputJsonValue,
    });
  }
  if (rows.length === 0) return { userIds: [], platform: false };
  const written = await tx.activityEntry.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { feed: true },
  });
  return {
    userIds: written.flatMap((row) => (row.feed === platformFeed ? [] : [row.feed])),
    platform: written.some((row) => row.feed === platformFeed),
  };
}

/**
 * The activity subscriber (a "job" subscriber of every event type in the feeds): writes the
 * entries and tells the open pages of everyone whose feed changed — the admins for the platform
 * feed — in the same transaction.
 */
export async function projectActivity(
  services: Pick<AppServices, "prisma">,
  event: DomainEvent,
): Promise<void> {
  await (services.prisma as Db).$transaction(async (tx) => {
    const { userIds, platform } = await writeActivityEntries(tx, event);
    const admins = platform
      ? await tx.user.findMany({ where: { role: "ADMIN", deletedAt: null }, select: { id: true } })
      : [];
    await publishRealtime(tx, {
      userIds: [...userIds, ...admins.map((admin) => admin.id)],
      topic: "activity",
      ref: event.id,
    });
  });
}
