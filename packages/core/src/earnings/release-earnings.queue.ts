import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

export const earningsReleaseDeadLetter = "earnings.release.dead";

/** What producers send; `releaseEarningsJob` in release-earnings.job.ts handles it. */
export const releaseEarningsQueue = defineQueue({
  name: "earnings.release",
  schema: z.object({ bookingId: z.string() }),
  queue: {
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    deadLetter: earningsReleaseDeadLetter,
  },
});

/** What producers send; `earningsReleaseDeadJob` in release-earnings.job.ts handles it. */
export const earningsReleaseDeadQueue = defineQueue({
  name: earningsReleaseDeadLetter,
  schema: z.object({ bookingId: z.string() }).passthrough(),
  queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
});
