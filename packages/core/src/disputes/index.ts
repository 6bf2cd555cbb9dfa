import { router } from "../trpc/init.ts";
import { adminDecideAttendance, adminListAttendanceReviews } from "./procedures/list-attendance-reviews.ts";
import { adminListDisputes } from "./procedures/list-disputes.ts";

export { handleDisputeEvent } from "./dispute-service.ts";

/** admin.disputes.*: chargebacks, what mentors owe, and sessions nobody attended. */
export const adminDisputesRouter = router({
  list: adminListDisputes,
  attendanceReviews: adminListAttendanceReviews,
  decideAttendance: adminDecideAttendance,
});
