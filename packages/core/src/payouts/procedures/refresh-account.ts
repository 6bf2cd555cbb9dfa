import { mentorProcedure } from "../../trpc/init.ts";
import { loadMethodOutput, methodOutput } from "../method-output.ts";
import { refreshPayoutAccount } from "../onboarding.ts";

/** Back from Stripe's form: the account's status asked of Stripe now, then the method. */
export const refreshAccount = mentorProcedure.output(methodOutput).mutation(async ({ ctx }) => {
  await refreshPayoutAccount(ctx.services, ctx.user.id);
  return loadMethodOutput(ctx.services.prisma, ctx.user.id);
});
