import type { Prisma } from "@mentora/db";
import { publishRealtime } from "./publish.ts";
import type { RealtimeTopic } from "./topics.ts";

/**
 * Tells every admin's open pages (their queues) that `ref` changed, in the caller's
 * transaction: the admins are read in it too, so one promoted or demoted meanwhile is counted
 * as the commit sees them.
 */
export async function publishToAdmins(
  tx: Prisma.TransactionClient,
  topic: RealtimeTopic,
  ref: string,
): Promise<void> {
  const admins = await tx.user.findMany({
    where: { role: "ADMIN", deletedAt: null },
    select: { id: true },
  });
  await publishRealtime(tx, { userIds: admins.map((admin) => admin.id), topic, ref });
}
