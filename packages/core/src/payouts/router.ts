import { router } from "../trpc/init.ts";
import { adminApprovePayouts } from "./admin/procedures/approve-payouts.ts";
import { adminPayoutQueue } from "./admin/procedures/get-payout-queue.ts";
import { adminListPayouts } from "./admin/procedures/list-payouts.ts";
import { adminMarkPayoutPaid } from "./admin/procedures/mark-payout-paid.ts";
import { adminRejectPayouts } from "./admin/procedures/reject-payouts.ts";
import { cancelPayoutProcedure } from "./procedures/cancel-payout.ts";
import { payoutBalances } from "./procedures/get-balances.ts";
import { getPayoutMethod } from "./procedures/get-payout-method.ts";
import { listMyPayouts } from "./procedures/list-my-payouts.ts";
import { requestPayoutProcedure } from "./procedures/request-payout.ts";
import { setPayoutMethod } from "./procedures/set-payout-method.ts";

/** The mentor's side: balances, method, requests. Mounted as `payouts`. */
export const payoutsRouter = router({
  balances: payoutBalances,
  getMethod: getPayoutMethod,
  setMethod: setPayoutMethod,
  request: requestPayoutProcedure,
  cancel: cancelPayoutProcedure,
  list: listMyPayouts,
});

/** The admin's side. Mounted as `admin.payouts`. */
export const adminPayoutsRouter = router({
  queue: adminPayoutQueue,
  list: adminListPayouts,
  approve: adminApprovePayouts,
  reject: adminRejectPayouts,
  markPaid: adminMarkPayoutPaid,
});
