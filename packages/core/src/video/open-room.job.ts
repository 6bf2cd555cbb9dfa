import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { openRoomQueue } from "./open-room.queue.ts";
import { openRoom } from "./rooms.ts";

/**
 * Opens the room shortly before the start. The job carries the start it was planned for: a
 * rescheduled session has a newer job, and this one does nothing.
 */
export const openRoomJob = defineHandler(
  openRoomQueue,
  async ({ sessionId, startsAt }, services: AppServices) => {
    const session = await services.prisma.mentoringSession.findUnique({
      where: { id: sessionId },
      select: { startsAt: true },
    });
    if (session?.startsAt.toISOString() !== startsAt) return;
    await openRoom(services, sessionId);
  },
);
