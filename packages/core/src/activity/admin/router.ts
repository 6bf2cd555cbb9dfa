import { router } from "../../trpc/init.ts";
import { decisions } from "./procedures/list-pending-decisions.ts";
import { feed } from "./procedures/list-platform-activity.ts";

export const adminActivityRouter = router({ feed, decisions });
