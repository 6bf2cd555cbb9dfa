import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { offeringOutput, toOfferingOutput } from "../offering-output.ts";
import { setOfferingStatus } from "../set-offering-status.ts";

export const restoreOfferingInput = z.object({ offeringId: z.string().min(1).max(100) }).strict();

/** Puts an archived offering back on sale. CONFLICT when it is already active. */
export const restore = mentorProcedure
  .input(restoreOfferingInput)
  .output(offeringOutput)
  .mutation(async ({ ctx, input }) =>
    toOfferingOutput(
      await setOfferingStatus(ctx.services.prisma, {
        mentorId: ctx.user.id,
        offeringId: input.offeringId,
        to: "ACTIVE",
      }),
    ),
  );
