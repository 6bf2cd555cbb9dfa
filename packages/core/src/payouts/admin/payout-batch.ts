/** The batch shape of the admin payout actions: each id its own transition, its own result. */
import { z } from "zod";
import { errorCodeOf } from "../../errors/index.ts";
import { payoutOutput, toPayoutOutput } from "../payout-output.ts";
import type { PayoutRow } from "../payout-service.ts";

export const ids = z.array(z.string().min(1).max(100)).min(1).max(100);
export const batchOutput = z.object({
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
export async function eachOf(
  payoutIds: readonly string[],
  act: (id: string) => Promise<PayoutRow>,
) {
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
