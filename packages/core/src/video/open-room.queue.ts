import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** video.open-room's contract; its handler is in open-room.job.ts, its producer room-jobs.ts. */
export const openRoomQueue = defineQueue({
  name: "video.open-room",
  schema: z.object({ sessionId: z.string(), startsAt: z.iso.datetime() }),
  queue: {
    retryLimit: 10,
    retryDelay: 15,
    retryBackoff: true,
    deadLetter: "video.open-room.dead",
  },
});
