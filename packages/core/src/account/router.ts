import { router } from "../trpc/init.ts";
import { listSessions } from "./list-sessions.ts";
import { me } from "./me.ts";
import { revokeSession } from "./revoke-session.ts";
import { updatePreferences } from "./update-preferences.ts";

export const accountRouter = router({ me, updatePreferences, listSessions, revokeSession });
