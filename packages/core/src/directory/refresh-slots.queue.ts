import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/**
 * The directory's availability summary sweep (decision 048); `refreshSlotsJob` in
 * refresh-slots.job.ts handles it. Changes refresh one mentor at once through event
 * subscribers; this keeps every summary's 31-day window current as time passes.
 */
export const refreshSlotsQueue = defineQueue({
  name: "directory.refresh-slots",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 60, policy: "singleton" },
  // One sweep at a time (the singleton policy keeps one queued and one active): a second poller
  // would only poll (decision 054).
  work: { concurrency: 1, batchSize: 1 },
  schedule: { cron: "*/10 * * * *" },
});
