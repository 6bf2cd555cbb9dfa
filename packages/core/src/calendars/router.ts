import { router } from "../trpc/init.ts";
import { disconnectGoogle } from "./procedures/disconnect-google-calendar.ts";
import { feed } from "./procedures/get-feed.ts";
import { feedStatus } from "./procedures/get-feed-status.ts";
import { googleCalendar } from "./procedures/get-google-calendar.ts";
import { regenerateFeed } from "./procedures/regenerate-feed.ts";
import { revokeFeed } from "./procedures/revoke-feed.ts";
import { saveGoogleCalendars } from "./procedures/save-google-calendars.ts";

/** Calendar subscriptions and Google Calendar. Mounted as `calendars`. */
export const calendarsRouter = router({
  feed,
  feedStatus,
  regenerateFeed,
  revokeFeed,
  googleCalendar,
  saveGoogleCalendars,
  disconnectGoogle,
});
