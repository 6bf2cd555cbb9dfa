import { router } from "../trpc/init.ts";
import { cancelPayoutProcedure } from "./procedures/cancel-payout.ts";
import { confirmEmail } from "./procedures/confirm-email.ts";
import { payoutBalances } from "./procedures/get-balances.ts";
import { getPayoutMethod } from "./procedures/get-payout-method.ts";
import { payoutMethodKindsOnOffer } from "./procedures/list-method-kinds.ts";
import { listMyPayouts } from "./procedures/list-my-payouts.ts";
import { refreshAccount } from "./procedures/refresh-account.ts";
import { requestPayoutProcedure } from "./procedures/request-payout.ts";
import { resendEmailConfirmation } from "./procedures/resend-email-confirmation.ts";
import { setPayoutMethod } from "./procedures/set-payout-method.ts";
import { startOnboarding } from "./procedures/start-onboarding.ts";

/** The mentor's side: balances, method, requests. Mounted as `payouts`. */
export const payoutsRouter = router({
  balances: payoutBalances,
  getMethod: getPayoutMethod,
  setMethod: setPayoutMethod,
  request: requestPayoutProcedure,
  cancel: cancelPayoutProcedure,
  list: listMyPayouts,
  methodKinds: payoutMethodKindsOnOffer,
  startOnboarding,
  refreshAccount,
  resendEmailConfirmation,
  confirmEmail,
});
