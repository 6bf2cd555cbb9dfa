export { type AdminPayoutFilters, adminPayoutFilters, payoutsCsv } from "./admin/list-payouts.ts";
export { executePayout, executePayoutJob } from "./execute-payout.job.ts";
export {
  applyProviderPayout,
  approvePayout,
  markPayoutPaid,
  requestPayout,
} from "./payout-service.ts";
export { reconcilePayouts, reconcilePayoutsJob } from "./reconcile-payouts.job.ts";
