import { router } from "../trpc/init.ts";
import { getBillingDetails } from "./procedures/get-billing-details.ts";
import { adminListByPayment } from "./procedures/list-invoices-by-payment.ts";
import { listMine } from "./procedures/list-my-invoices.ts";
import { listStatements } from "./procedures/list-statements.ts";
import { updateBillingDetails } from "./procedures/update-billing-details.ts";

export const invoicesRouter = router({
  listMine,
  listStatements,
  adminListByPayment,
  getBillingDetails,
  updateBillingDetails,
});
