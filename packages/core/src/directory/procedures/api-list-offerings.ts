import { z } from "zod";
import { publicProcedure } from "../../trpc/init.ts";
import { loadMentorOfferings, mentorPageInput, publicOffering } from "./get-mentor-page.ts";

/** Public REST API: a mentor's offerings on sale, each with its options (duration + price). */
export const apiOfferings = publicProcedure
  .meta({
    apiScope: "mentors:read",
    openapi: {
      method: "GET",
      path: "/mentors/{mentorId}/offerings",
      tags: ["mentors"],
      summary: "A mentor's offerings",
      description:
        "Active offerings with at least one option on sale, oldest first. An option's id is what `/options/{optionId}/slots` takes.",
    },
  })
  .input(mentorPageInput)
  .output(z.object({ items: z.array(publicOffering) }))
  .query(async ({ ctx, input }) => ({
    items: await loadMentorOfferings(ctx.services.prisma, input.mentorId),
  }));
