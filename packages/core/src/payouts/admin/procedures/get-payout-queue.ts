import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { pageInput, pageOutput } from "../../../trpc/pagination.ts";
import { adminPayoutRow, listPayoutsForAdmin } from "../list-payouts.ts";

const page = pageInput();
const listOutput = pageOutput(adminPayoutRow);

/** What waits for an admin: REQUESTED payouts, oldest first (and approved bank transfers). */
export const adminPayoutQueue = adminProcedure
  .input(
    z.object({ status: z.enum(["REQUESTED", "APPROVED"]).default("REQUESTED"), ...page }).strict(),
  )
  .output(listOutput)
  .query(({ ctx, input }) =>
    listPayoutsForAdmin(
      ctx.services.prisma,
      input.status === "APPROVED"
        ? { status: "APPROVED", method: "BANK_TRANSFER" }
        : { status: "REQUESTED" },
      { limit: input.limit, cursor: input.cursor, order: "oldest" },
    ),
  );
