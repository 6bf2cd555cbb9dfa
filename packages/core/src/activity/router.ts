import { router } from "../trpc/init.ts";
import { mine } from "./procedures/list-my-activity.ts";

export const activityRouter = router({ mine });
