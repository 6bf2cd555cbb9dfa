export { type AdminPayoutFilters, adminPayoutFilters, payoutsCsv } from "./admin/list-payouts.ts";
export { payoutsConfig } from "./config.ts";
export { payoutApproved, payoutFailed, payoutPaid, payoutRequested } from "./events.ts";
export { executePayout } from "./execute-payout.job.ts";
export { executePayoutQueue } from "./execute-payout.queue.ts";
export { handlePayoutAccountEvent, onboardingPaths } from "./onboarding.ts";
export {
  applyProviderPayout,
  approvePayout,
  markPayoutPaid,
  requestPayout,
} from "./payout-service.ts";
export { payoutEmailConfirmPath } from "./paypal-verification.ts";
export { reconcilePayouts } from "./reconcile-payouts.job.ts";
export { reconcilePayoutsQueue } from "./reconcile-payouts.queue.ts";
export { handlePayoutEvent } from "./webhook-handlers.ts";
