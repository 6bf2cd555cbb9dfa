import { router } from "../../trpc/init.ts";
import { adminListPayments } from "./procedures/list-payments.ts";
import { adminListWebhooks } from "./procedures/list-webhooks.ts";
import { adminRefundPayment } from "./procedures/refund-payment.ts";
import { adminReplayWebhook } from "./procedures/replay-webhook.ts";

/** Mounted under `admin.payments` by the admin router. */
export const adminPaymentsRouter = router({
  list: adminListPayments,
  refund: adminRefundPayment,
});

/** Mounted under `admin.webhooks` by the admin router. */
export const adminWebhooksRouter = router({
  list: adminListWebhooks,
  replay: adminReplayWebhook,
});
