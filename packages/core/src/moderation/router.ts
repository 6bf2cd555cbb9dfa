import { router } from "../trpc/init.ts";
import { decideCase } from "./procedures/decide-case.ts";
import { listCases } from "./procedures/list-cases.ts";
import { myNotices } from "./procedures/list-my-notices.ts";

/** Mounted under `admin.moderation` by the admin router. */
export const adminModerationRouter = router({ list: listCases, decide: decideCase });

/** Mounted under `moderation`. */
export const moderationRouter = router({ myNotices });
