import type { AppServices } from "../app/types.ts";
import { completeSession } from "../earnings/index.ts";
import { recordEvent } from "../events/index.ts";
import { defineHandler } from "../jobs/define.ts";
import { closeRoomQueue } from "./close-room.queue.ts";
import { attendanceRecorded } from "./events.ts";
import { closeRoom } from "./rooms.ts";

/**
 * After the end and the grace period: completes the room, decides attendance and, in one
 * transaction, records it (payments subscribes: a mentor no-show refunds, in its own job) and
 * completes the session, which plans the earnings release. The release comes after
 * EARNINGS_HOLD_HOURS, and a refund claws back from released earnings anyway.
 */
export const closeRoomJob = defineHandler(
  closeRoomQueue,
  async ({ sessionId, endsAt }, services: AppServices) => {
    const session = await services.prisma.mentoringSession.findUnique({
      where: { id: sessionId },
      select: { endsAt: true, status: true },
    });
    if (!session || session.endsAt.toISOString() !== endsAt) return;
    const verdict = await closeRoom(services, sessionId);
    if (session.status === "CANCELLED") return;
    await services.prisma.$transaction(async (tx) => {
      await recordEvent(services, tx, attendanceRecorded.of({ sessionId, verdict }));
      await completeSession(services, tx, sessionId, { reason: `attendance:${verdict}` });
    });
  },
);
