import { router } from "../trpc/init.ts";
import { deleteMyAccount } from "./delete-account.ts";
import { deletionBlockersOfMine } from "./deletion-blockers.ts";
import { listExports } from "./list-exports.ts";
import { listSessions } from "./list-sessions.ts";
import { me } from "./me.ts";
import { requestExport } from "./request-export.ts";
import { revokeSession } from "./revoke-session.ts";
import { updatePreferences } from "./update-preferences.ts";

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
