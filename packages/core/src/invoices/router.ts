import { router } from "../trpc/init.ts";
import { adminListByPayment } from "./procedures/admin-list-by-payment.ts";
import { getBillingDetails, updateBillingDetails } from "./procedures/billing-details.ts";
import { listMine } from "./procedures/list-mine.ts";
import { listStatements } from "./procedures/list-statements.ts";

export const invoicesRouter = router({
  listMine,
  listStatements,
  adminListByPayment,
  getBillingDetails,
  updateBillingDetails,
});
