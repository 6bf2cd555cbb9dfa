import type { Prisma } from "@mentora/db";
import { fromPrisma, type PgBoss } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { enqueue } from "../jobs/define.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import { closeRoomQueue } from "./close-room.queue.ts";
import { openRoomQueue } from "./open-room.queue.ts";

/**
 * Plans the room of a confirmed booking's session: open at start − VIDEO_JOIN_MINUTES_BEFORE,
 * close at end + VIDEO_ROOM_GRACE_MINUTES. Job ids derive from the session and its times, so
 * the bookings of a group session (and retries) plan each room once; a reschedule plans anew.
 */
export async function scheduleVideoRoom(
  services: Pick<AppServices, "boss" | "config">,
  tx: Prisma.TransactionClient,
  bookingId: string,
): Promise<void> {
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { status: true, session: { select: { id: true, startsAt: true, endsAt: true } } },
  });
  if (booking.status !== "CONFIRMED") return;
  const { id: sessionId, startsAt, endsAt } = booking.session;
  await planRoomJobs(services.boss, fromPrisma(tx), services.config, {
    sessionId,
    startsAt,
    endsAt,
  });
}

export async function planRoomJobs(
  boss: PgBoss,
  db: ReturnType<typeof fromPrisma>,
  config: AppServices["config"],
  session: { sessionId: string; startsAt: Date; endsAt: Date },
): Promise<void> {
  const { sessionId, startsAt, endsAt } = session;
  await enqueue(
    boss,
    openRoomQueue,
    { sessionId, startsAt: startsAt.toISOString() },
    {
      db,
      startAfter: new Date(startsAt.getTime() - config.video.joinBeforeMs),
      id: deterministicJobId(openRoomQueue.name, sessionId, startsAt.toISOString()),
    },
  );
  await enqueue(
    boss,
    closeRoomQueue,
    { sessionId, endsAt: endsAt.toISOString() },
    {
      db,
      startAfter: new Date(endsAt.getTime() + config.video.graceMs),
      id: deterministicJobId(closeRoomQueue.name, sessionId, endsAt.toISOString()),
    },
  );
}
