import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { dataExportCleanupQueue, dataExportQueue } from "./data-export.queue.ts";
import { buildDataExport, expireDataExports } from "./data-export.ts";

export const dataExportJob = defineHandler(
  dataExportQueue,
  async ({ exportId }, services: AppServices) => {
    await buildDataExport(services, exportId);
  },
);

export const dataExportCleanupJob = defineHandler(
  dataExportCleanupQueue,
  async (_data, services: AppServices) => {
    const expired = await expireDataExports(services);
    services.logger.info({ expired }, "data exports expired");
  },
);
