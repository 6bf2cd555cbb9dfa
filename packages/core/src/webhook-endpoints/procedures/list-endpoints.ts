import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { endpointOutput, toEndpointOutput } from "../endpoint-output.ts";

/** The mentor's own webhook endpoints, newest first (at most 10: no paging). */
export const listEndpoints = mentorProcedure
  .output(z.array(endpointOutput))
  .query(async ({ ctx }) => {
    const rows = await ctx.services.prisma.webhookEndpoint.findMany({
      where: { scope: "MENTOR", ownerId: ctx.user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
    });
    return rows.map(toEndpointOutput);
  });
