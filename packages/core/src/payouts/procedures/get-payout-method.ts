import { mentorProcedure } from "../../trpc/init.ts";
import { loadMethodOutput, methodOutput } from "../method-output.ts";

/** The mentor's payout method (with its onboarded account's status), or null. */
export const getPayoutMethod = mentorProcedure
  .output(methodOutput)
  .query(({ ctx }) => loadMethodOutput(ctx.services.prisma, ctx.user.id));
