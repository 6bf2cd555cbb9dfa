import { router } from "../trpc/init.ts";
import { feed } from "./procedures/get-feed.ts";
import { feedStatus } from "./procedures/get-feed-status.ts";
import { regenerateFeed } from "./procedures/regenerate-feed.ts";
import { revokeFeed } from "./procedures/revoke-feed.ts";

/** Calendar subscriptions and Google Calendar. Mounted as `calendars`. */
export const calendarsRouter = router({ feed, feedStatus, regenerateFeed, revokeFeed });
