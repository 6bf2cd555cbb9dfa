import { router } from "../trpc/init.ts";
import { getDashboard } from "./dashboard/get-dashboard.ts";
import { getSettings } from "./settings/get-settings.ts";
import { updateSettings } from "./settings/update-settings.ts";
import { submitApplication } from "./submit-application.ts";

export const mentorRouter = router({
  // Not `apply`: tRPC reserves it (Function.prototype.apply on its proxies).
  submitApplication,
  settings: router({ get: getSettings, update: updateSettings }),
  dashboard: getDashboard,
});
