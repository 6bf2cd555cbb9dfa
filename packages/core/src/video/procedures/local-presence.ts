import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { reportLocalPresence } from "../local-presence.ts";

export const localPresenceInput = z
  .object({
    token: z.string().min(1).max(4096),
    action: z.enum(["connect", "disconnect"]),
    participantSid: z
      .string()
      .regex(/^PA[0-9a-f]{32}$/)
      .optional(),
  })
  .strict();

export const localPresenceOutput = z.object({ participantSid: z.string() });

/** The local stand-in's join/leave notice (on Twilio the provider reports these itself). */
export const localPresence = authedProcedure
  .input(localPresenceInput)
  .output(localPresenceOutput)
  .mutation(({ ctx, input }) => reportLocalPresence(ctx.services, ctx.user.id, input));
