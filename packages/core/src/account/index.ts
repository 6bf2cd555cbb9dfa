export {
  assertReauthenticated,
  type DeletionBlocker,
  deleteAccount,
  deletionBlockers,
} from "./account-deletion.ts";
export {
  buildDataExport,
  dataExportCleanupJob,
  dataExportJob,
  dataExportUrlPath,
  expireDataExports,
  readDataExport,
  requestDataExport,
} from "./data-export.ts";
export { accountRouter } from "./router.ts";
