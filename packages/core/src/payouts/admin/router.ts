import { router } from "../../trpc/init.ts";
import { adminApprovePayouts } from "./procedures/approve-payouts.ts";
import { adminPayoutQueue } from "./procedures/get-payout-queue.ts";
import { adminListPayouts } from "./procedures/list-payouts.ts";
import { adminMarkPayoutPaid } from "./procedures/mark-payout-paid.ts";
import { adminRejectPayouts } from "./procedures/reject-payouts.ts";

/** The admin's side. Mounted as `admin.payouts`. */
export const adminPayoutsRouter = router({
  queue: adminPayoutQueue,
  list: adminListPayouts,
  approve: adminApprovePayouts,
  reject: adminRejectPayouts,
  markPaid: adminMarkPayoutPaid,
});
