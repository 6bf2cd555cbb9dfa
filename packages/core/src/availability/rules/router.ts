import { router } from "../../trpc/init.ts";
import { addOverride } from "./add-override.ts";
import { get } from "./get.ts";
import { removeOverride } from "./remove-override.ts";
import { setWeeklyRules } from "./set-weekly-rules.ts";

/** The mentor's own availability editing, mounted as `availability`. */
export const availabilityRulesRouter = router({ get, setWeeklyRules, addOverride, removeOverride });
