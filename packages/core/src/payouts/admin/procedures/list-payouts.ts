import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { AppError, errorCodeOf } from "../../../errors/index.ts";
import { adminProcedure, requireFreshSession } from "../../../trpc/init.ts";
import { pageInput, pageOutput } from "../../../trpc/pagination.ts";
import { payoutOutput, toPayoutOutput } from "../../payout-output.ts";
import {
  approvePayout,
  markBankTransferPaid,
  type PayoutRow,
  rejectPayout,
} from "../../payout-service.ts";
import { adminPayoutFilters, adminPayoutRow, listPayoutsForAdmin } from "../list-payouts.ts";

const page = pageInput();
const listOutput = pageOutput(adminPayoutRow);

/** Payout history with filters and cursor pages (the CSV export takes the same filters). */
export const adminListPayouts = adminProcedure
  .input(adminPayoutFilters.extend(page))
  .output(listOutput)
  .query(({ ctx, input }) => {
    const { limit, cursor, ...filters } = input;
    return listPayoutsForAdmin(ctx.services.prisma, filters, { limit, cursor });
  });

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

const ids = z.array(z.string().min(1).max(100)).min(1).max(100);
const batchOutput = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      /** The stable error code when this one was refused (NOT_FOUND, PAYOUT_STATUS_CONFLICT…). */
      code: z.string().nullable(),
      payout: payoutOutput.nullable(),
    }),
  ),
});

/** Each id is its own guarded transition in its own transaction: one refusal stops nothing. */
async function eachOf(payoutIds: readonly string[], act: (id: string) => Promise<PayoutRow>) {
  const results = [];
  for (const id of new Set(payoutIds)) {
    try {
      results.push({ id, ok: true, code: null, payout: toPayoutOutput(await act(id)) });
    } catch (error) {
      const code = errorCodeOf(error);
      if (!code) throw error;
      results.push({ id, ok: false, code, payout: null });
    }
  }
  return { results };
}

/** Approves one or many REQUESTED payouts; each enqueues its payout.execute in its transaction. */
export const adminApprovePayouts = adminProcedure
  .use(requireFreshSession)
  .input(z.object({ payoutIds: ids }).strict())
  .output(batchOutput)
  .mutation(({ ctx, input }) =>
    eachOf(input.payoutIds, (payoutId) =>
      approvePayout(ctx.services, { payoutId, actor: auditActorOf(ctx) }),
    ),
  );

/** Rejects one or many REQUESTED payouts with a reason shown to the mentor. */
export const adminRejectPayouts = adminProcedure
  .use(requireFreshSession)
  .input(z.object({ payoutIds: ids, reason: z.string().trim().min(1).max(500) }).strict())
  .output(batchOutput)
  .mutation(({ ctx, input }) =>
    eachOf(input.payoutIds, (payoutId) =>
      rejectPayout(ctx.services, { payoutId, reason: input.reason, actor: auditActorOf(ctx) }),
    ),
  );

/** Records an approved manual bank transfer as made, with the bank's reference. */
export const adminMarkPayoutPaid = adminProcedure
  .use(requireFreshSession)
  .input(
    z
      .object({
        payoutId: z.string().min(1).max(100),
        reference: z.string().trim().min(1).max(140),
      })
      .strict(),
  )
  .output(payoutOutput)
  .mutation(async ({ ctx, input }) => {
    const payout = await markBankTransferPaid(ctx.services, {
      payoutId: input.payoutId,
      reference: input.reference,
      actor: auditActorOf(ctx),
    });
    if (!payout) throw new AppError("NOT_FOUND");
    return toPayoutOutput(payout);
  });
