import { router } from "../trpc/init.ts";
import { deleteMyAccount } from "./procedures/delete-account.ts";
import { deletionBlockersOfMine } from "./procedures/get-deletion-blockers.ts";
import { me } from "./procedures/get-me.ts";
import { listExports } from "./procedures/list-exports.ts";
import { listSessions } from "./procedures/list-sessions.ts";
import { requestExport } from "./procedures/request-export.ts";
import { revokeSession } from "./procedures/revoke-session.ts";
import { updatePreferences } from "./procedures/update-preferences.ts";

export const accountRouter = router({
  me,
  updatePreferences,
  listSessions,
  revokeSession,
  requestExport,
  listExports,
  deletionBlockers: deletionBlockersOfMine,
  deleteAccount: deleteMyAccount,
});
