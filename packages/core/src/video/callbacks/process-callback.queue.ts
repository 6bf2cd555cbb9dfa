import { z } from "zod";
import { defineQueue } from "../../jobs/define.ts";

/** pg-boss retries after the first attempt: the callback row is DEAD after the last. */
export const processCallbackRetryLimit = 8;

/** What producers send; `processCallbackJob` in process-callback.job.ts handles it. */
export const processCallbackQueue = defineQueue({
  name: "video.process-callback",
  schema: z.object({ callbackId: z.string() }),
  queue: {
    retryLimit: processCallbackRetryLimit,
    retryDelay: 5,
    retryBackoff: true,
    deadLetter: "video.process-callback.dead",
  },
});
