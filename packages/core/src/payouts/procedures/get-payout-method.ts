import { mentorProcedure } from "../../trpc/init.ts";
import { methodOutput, methodOutputOf } from "../method-output.ts";

/** The mentor's payout method, or null. */
export const getPayoutMethod = mentorProcedure.output(methodOutput).query(async ({ ctx }) => {
  const row = await ctx.services.prisma.payoutMethod.findUnique({
    where: { mentorId: ctx.user.id },
  });
  return row ? methodOutputOf(row) : null;
});
