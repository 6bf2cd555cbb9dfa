import { router } from "../trpc/init.ts";
import { adminDecideAttendance } from "./procedures/decide-attendance.ts";
import { adminListAttendanceReviews } from "./procedures/list-attendance-reviews.ts";
import { adminListDisputes } from "./procedures/list-disputes.ts";

/** admin.disputes.*: chargebacks, what mentors owe, and sessions nobody attended. */
export const adminDisputesRouter = router({
  list: adminListDisputes,
  attendanceReviews: adminListAttendanceReviews,
  decideAttendance: adminDecideAttendance,
});
