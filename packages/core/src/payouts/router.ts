import { router } from "../trpc/init.ts";
import {
  adminApprovePayouts,
  adminListPayouts,
  adminMarkPayoutPaid,
  adminPayoutQueue,
  adminRejectPayouts,
} from "./admin/procedures.ts";
import {
  cancelPayoutProcedure,
  getPayoutMethod,
  listMyPayouts,
  payoutBalances,
  payoutMethodKindsOnOffer,
  requestPayoutProcedure,
  setPayoutMethod,
} from "./procedures.ts";

/** The mentor's side: balances, method, requests. Mounted as `payouts`. */
export const payoutsRouter = router({
  balances: payoutBalances,
  getMethod: getPayoutMethod,
  setMethod: setPayoutMethod,
  request: requestPayoutProcedure,
  cancel: cancelPayoutProcedure,
  list: listMyPayouts,
  methodKinds: payoutMethodKindsOnOffer,
});

/** The admin's side. Mounted as `admin.payouts`. */
export const adminPayoutsRouter = router({
  queue: adminPayoutQueue,
  list: adminListPayouts,
  approve: adminApprovePayouts,
  reject: adminRejectPayouts,
  markPaid: adminMarkPayoutPaid,
});
