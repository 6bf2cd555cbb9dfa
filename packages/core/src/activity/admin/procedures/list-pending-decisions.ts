import { adminProcedure } from "../../../trpc/init.ts";
import { adminDecisions, readAdminDecisions } from "../../decisions.ts";

/** What waits for an admin: payouts to approve, failed webhooks, open disputes, reviews. */
export const decisions = adminProcedure
  .output(adminDecisions)
  .query(({ ctx }) => readAdminDecisions(ctx.services.prisma));
