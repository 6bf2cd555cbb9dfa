import { router } from "../trpc/init.ts";
import { listAudit } from "./procedures/list-audit.ts";

/** Mounted under `admin.audit` by the admin router. */
export const adminAuditRouter = router({ list: listAudit });
