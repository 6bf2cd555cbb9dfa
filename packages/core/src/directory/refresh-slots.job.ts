import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { refreshSlotsQueue } from "./refresh-slots.queue.ts";
import { refreshStaleSlots } from "./slot-summary.ts";

/** Every 10 minutes: the summaries older than an hour (or missing) are recomputed. */
export const refreshSlotsJob = defineHandler(
  refreshSlotsQueue,
  async (_data, services: AppServices) => {
    const refreshed = await refreshStaleSlots(services.prisma, { logger: services.logger });
    if (refreshed > 0) services.logger.info({ refreshed }, "directory: availability refreshed");
  },
);
