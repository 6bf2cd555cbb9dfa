import { z } from "zod";
import { matchRequestForm } from "../../contracts/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { requestMatches } from "../match-service.ts";

export const requestMatchesOutput = z.object({ requestId: z.string() });

/**
 * The viewer describes what they look for; the best mentors are ranked at once (the page shows
 * them) and e-mailed. The request stays the viewer's: mentors never see it.
 */
export const request = authedProcedure
  .input(matchRequestForm)
  .output(requestMatchesOutput)
  .mutation(({ ctx, input }) =>
    requestMatches(ctx.services, ctx.user.id, input, { timeZone: ctx.timezone }),
  );
