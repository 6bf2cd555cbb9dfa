import { router } from "../trpc/init.ts";
import { getDashboard } from "./procedures/get-dashboard.ts";
import { getSettings } from "./procedures/get-settings.ts";
import { submitApplication } from "./procedures/submit-application.ts";
import { updateSettings } from "./procedures/update-settings.ts";

export const mentorRouter = router({
  // Not `apply`: tRPC reserves it (Function.prototype.apply on its proxies).
  submitApplication,
  settings: router({ get: getSettings, update: updateSettings }),
  dashboard: getDashboard,
});
