import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { offeringInclude, offeringOutput, toOfferingOutput } from "../offering-output.ts";

/** The mentor's own offerings, archived ones included: active first, newest first. */
export const list = mentorProcedure.output(z.array(offeringOutput)).query(async ({ ctx }) => {
  const offerings = await ctx.services.prisma.offering.findMany({
    where: { mentorId: ctx.user.id },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    include: offeringInclude,
  });
  return offerings.map(toOfferingOutput);
});
