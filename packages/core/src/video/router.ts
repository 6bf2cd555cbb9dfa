import { router } from "../trpc/init.ts";
import { getCall } from "./procedures/get-call-details.ts";
import { getPresence } from "./procedures/get-presence.ts";
import { adminVideoUsage } from "./procedures/get-video-usage.ts";
import { joinCall } from "./procedures/join-call.ts";
import { localPresence } from "./procedures/local-presence.ts";

export const videoRouter = router({
  details: getCall,
  join: joinCall,
  presence: getPresence,
  localPresence,
});

export const adminVideoRouter = router({ usage: adminVideoUsage });
