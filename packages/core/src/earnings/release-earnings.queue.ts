import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

export const earningsReleaseDeadLetter = "earnings.release.dead";

/** What producers send; the worker handles it with `releaseEarningsJob` (release-earnings.job.ts). */
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

/** What producers send; the worker handles it with `earningsReleaseDeadJob` (release-earnings.job.ts). */
export const earningsReleaseDeadQueue = defineQueue({
  name: earningsReleaseDeadLetter,
  schema: z.object({ bookingId: z.string() }).passthrough(),
  queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
});
