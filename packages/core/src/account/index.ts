export {
  assertReauthenticated,
  type DeletionBlocker,
  deleteAccount,
  deletionBlockers,
} from "./account-deletion.ts";
export { dataExportCleanupQueue, dataExportQueue } from "./data-export.queue.ts";
export {
  buildDataExport,
  dataExportUrlPath,
  expireDataExports,
  readDataExport,
  requestDataExport,
} from "./data-export.ts";
export { accountRouter } from "./router.ts";
