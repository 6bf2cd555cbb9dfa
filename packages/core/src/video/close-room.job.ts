import type { AppServices } from "../app/types.ts";
import { completeSession } from "../earnings/complete-session.ts";
import { defineHandler } from "../jobs/define.ts";
import { closeRoomQueue } from "./close-room.queue.ts";
import { closeRoom } from "./rooms.ts";
import { applyAttendanceVerdict } from "./verdict.ts";

/**
 * After the end and the grace period: completes the room, decides attendance, applies it (a
 * mentor no-show refunds), then completes the session, which plans the earnings release.
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
    // Refunds first: a completed session's earnings are released from what refunds leave.
    await applyAttendanceVerdict(services, sessionId, verdict);
    await services.prisma.$transaction((tx) =>
      completeSession(services, tx, sessionId, { reason: `attendance:${verdict}` }),
    );
  },
);
