import type { AppServices } from "../../app/types.ts";
import { defineHandler } from "../../jobs/define.ts";
import { refreshBusy } from "./busy.ts";
import { refreshBusyQueue } from "./refresh-busy.queue.ts";

/** Connections refreshed by one scheduled run, oldest first; the next run takes the rest. */
const sweepSize = 200;

export const refreshBusyJob = defineHandler(
  refreshBusyQueue,
  async (data, services: AppServices) => {
    if (data.mentorId) {
      await refreshBusy(services, data.mentorId);
      return;
    }
    await refreshStaleConnections(services);
  },
);

/**
 * Every connected mentor whose busy times are older than the TTL, one at a time: one mentor's
 * failure (Google down for them) is logged and does not stop the others; token errors mark
 * that connection broken inside refreshBusy, so it drops out of the next sweeps.
 */
export async function refreshStaleConnections(
  services: AppServices,
  now: Date = new Date(),
): Promise<{ refreshed: number; failed: number }> {
  const staleBefore = new Date(now.getTime() - services.config.calendars.busyTtlMs);
  const due = await services.prisma.googleCalendarConnection.findMany({
    where: {
      status: "CONNECTED",
      OR: [{ busyFetchedAt: null }, { busyFetchedAt: { lt: staleBefore } }],
    },
    orderBy: { busyFetchedAt: { sort: "asc", nulls: "first" } },
    select: { mentorId: true },
    take: sweepSize,
  });
  let refreshed = 0;
  let failed = 0;
  for (const { mentorId } of due) {
    try {
      if ((await refreshBusy(services, mentorId, { now })) === "refreshed") refreshed += 1;
    } catch (error) {
      failed += 1;
      services.logger.warn({ err: error, mentorId }, "google calendar busy refresh failed");
    }
  }
  return { refreshed, failed };
}
