import { router } from "../trpc/init.ts";
import { adminListByPayment } from "./procedures/list-invoices-by-payment.ts";
import { getBillingDetails, updateBillingDetails } from "./procedures/get-billing-details.ts";
import { listMine } from "./procedures/list-my-invoices.ts";
import { listStatements } from "./procedures/list-statements.ts";

export const invoicesRouter = router({
  listMine,
  listStatements,
  adminListByPayment,
  getBillingDetails,
  updateBillingDetails,
});
