import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** video.close-room's contract; its handler is in close-room.job.ts, its producer room-jobs.ts. */
export const closeRoomQueue = defineQueue({
  name: "video.close-room",
  schema: z.object({ sessionId: z.string(), endsAt: z.iso.datetime() }),
  queue: {
    retryLimit: 10,
    retryDelay: 15,
    retryBackoff: true,
    deadLetter: "video.close-room.dead",
  },
});
