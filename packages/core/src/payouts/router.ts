import { router } from "../trpc/init.ts";
import {
  adminApprovePayouts,
  adminListPayouts,
  adminMarkPayoutPaid,
  adminPayoutQueue,
  adminRejectPayouts,
} from "./admin/procedures/list-payouts.ts";
import {
  cancelPayoutProcedure,
  getPayoutMethod,
  listMyPayouts,
  payoutBalances,
  requestPayoutProcedure,
  setPayoutMethod,
} from "./procedures/get-balances.ts";

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
