import type { Prisma } from "@mentora/db";
import type { RealtimeTopic } from "./topics.ts";

type Tx = Prisma.TransactionClient;

/** The Postgres channel every web process LISTENs on; its payload is a user id, nothing else. */
export const realtimeChannel = "mentora_realtime";

export type RealtimePublication = {
  /** Who hears it: each gets their own stream row (admins too: pass their ids). */
  userIds: readonly string[];
  topic: RealtimeTopic;
  /** The id of the thing that changed; the page reads the thing itself with the viewer's rights. */
  ref: string;
};

/**
 * Tells these people's open pages that something changed, IN the caller's transaction: a
 * rollback tells nobody, and Postgres delivers the NOTIFY at commit to every web process (each
 * holds one LISTEN connection, see ./listener.ts). Payloads carry ids only.
 */
export async function publishRealtime(tx: Tx, publication: RealtimePublication): Promise<void> {
  const userIds = [...new Set(publication.userIds)];
  if (userIds.length === 0) return;
  await tx.realtimeMessage.createMany({
    data: userIds.map((userId) => ({ userId, topic: publication.topic, ref: publication.ref })),
  });
  await tx.$executeRaw`SELECT pg_notify(${realtimeChannel}, u) FROM unnest(${userIds}::text[]) AS u`;
}
