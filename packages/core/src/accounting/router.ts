import { router } from "../trpc/init.ts";
import { authorizeFecExport } from "./procedures/authorize-fec-export.ts";
import { authorizeInvoiceExport } from "./procedures/authorize-invoice-export.ts";

/** The accountant's exports. Mounted as `admin.accounting`. */
export const adminAccountingRouter = router({
  authorizeInvoiceExport,
  authorizeFecExport,
});
