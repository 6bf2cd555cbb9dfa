import { router } from "../../trpc/init.ts";
import { adminDecideMessageReport } from "./procedures/decide-message-report.ts";
import { adminListMessageReports } from "./procedures/list-message-reports.ts";

/** The admins' report queue. Mounted as `admin.messageReports`. */
export const adminMessageReportsRouter = router({
  list: adminListMessageReports,
  decide: adminDecideMessageReport,
});
