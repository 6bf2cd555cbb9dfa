import { router } from "../../trpc/init.ts";
import { addOverride } from "./procedures/add-override.ts";
import { get } from "./procedures/get-availability.ts";
import { removeOverride } from "./procedures/remove-override.ts";
import { setWeeklyRules } from "./procedures/set-weekly-rules.ts";

/** The mentor's own availability editing, mounted as `availability`. */
export const availabilityRulesRouter = router({ get, setWeeklyRules, addOverride, removeOverride });
