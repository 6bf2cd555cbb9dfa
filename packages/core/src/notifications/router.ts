import { router } from "../trpc/init.ts";
import { unreadCount } from "./procedures/count-unread-notifications.ts";
import { bell } from "./procedures/get-notification-bell.ts";
import { getPreferences } from "./procedures/get-notification-preferences.ts";
import { list } from "./procedures/list-notifications.ts";
import { markAllRead } from "./procedures/mark-all-notifications-read.ts";
import { markRead } from "./procedures/mark-notification-read.ts";
import { setPreferences } from "./procedures/set-notification-preferences.ts";

/** The viewer's notifications and their preferences (issue #15). Mounted as `notifications`. */
export const notificationsRouter = router({
  list,
  unreadCount,
  markRead,
  markAllRead,
  getPreferences,
  setPreferences,
  bell,
});
