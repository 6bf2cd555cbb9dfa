import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { callAccess } from "../call-access.ts";

export const getCallInput = z.object({ sessionId: z.string().min(1).max(100) }).strict();

export const getCallOutput = z.object({
  role: z.enum(["MENTOR", "PARTICIPANT"]),
  session: z.object({
    id: z.string(),
    title: z.string(),
    startsAt: z.date(),
    endsAt: z.date(),
    status: z.enum(["SCHEDULED", "CANCELLED", "COMPLETED"]),
  }),
  opensAt: z.date(),
  people: z.array(
    z.object({ id: z.string(), name: z.string(), role: z.enum(["MENTOR", "PARTICIPANT"]) }),
  ),
  /** "local": the development stand-in, which relays no media. */
  provider: z.enum(["twilio", "local"]),
  noiseCancellation: z.boolean(),
});

/** What the call page shows before joining: the session, who is in it, when it opens. */
export const getCall = authedProcedure
  .input(getCallInput)
  .output(getCallOutput)
  .query(async ({ ctx, input }) => {
    const access = await callAccess(ctx.services, ctx.user.id, input.sessionId);
    return {
      ...access,
      provider: ctx.services.video.id,
      noiseCancellation: ctx.services.config.video.noiseCancellation,
    };
  });
