import { router } from "../trpc/init.ts";
import { apiGet } from "./procedures/api-get-payment.ts";
import { apiList } from "./procedures/api-list-payments.ts";
import { getPayment } from "./procedures/get-payment.ts";
import { getWallet } from "./procedures/get-wallet.ts";
import { listReceipts } from "./procedures/list-receipts.ts";
import { startForBooking } from "./procedures/start-for-booking.ts";
import { startTopUp } from "./procedures/start-top-up.ts";

export const paymentsRouter = router({
  startForBooking,
  startTopUp,
  get: getPayment,
  listReceipts,
  apiList,
  apiGet,
});

export const walletRouter = router({ get: getWallet });
