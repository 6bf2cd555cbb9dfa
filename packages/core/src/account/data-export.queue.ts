import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** Builds one requested export (data-export.job.ts); sent by requestDataExport. */
export const dataExportQueue = defineQueue({
  name: "account.export",
  schema: z.object({ exportId: z.uuid() }),
  queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 900 },
});

/** Daily: exports past their date lose their file. */
export const dataExportCleanupQueue = defineQueue({
  name: "account.export-cleanup",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 300 },
  schedule: { cron: "27 3 * * *" },
});
