import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { offeringOutput, toOfferingOutput } from "../offering-output.ts";
import { setOfferingStatus } from "../set-offering-status.ts";

export const archiveOfferingInput = z.object({ offeringId: z.string().min(1).max(100) }).strict();

/** Takes an offering off sale; its bookings stand. CONFLICT when it is already archived. */
export const archive = mentorProcedure
  .input(archiveOfferingInput)
  .output(offeringOutput)
  .mutation(async ({ ctx, input }) =>
    toOfferingOutput(
      await setOfferingStatus(ctx.services.prisma, {
        mentorId: ctx.user.id,
        offeringId: input.offeringId,
        to: "ARCHIVED",
      }),
    ),
  );
