import { z } from "zod";
import { AppError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { assertCallOpen, callAccess } from "../call-access.ts";
import { openRoom } from "../rooms.ts";

export const joinCallInput = z.object({ sessionId: z.string().min(1).max(100) }).strict();

export const joinCallOutput = z.object({
  provider: z.enum(["twilio", "local"]),
  token: z.string(),
  roomName: z.string(),
  identity: z.string(),
  /** The token's end: the session's end. */
  expiresAt: z.date(),
});

/**
 * An access token for the session's room, for its mentor and confirmed participants only, from
 * VIDEO_JOIN_MINUTES_BEFORE before the start until the end, expiring with the session. Opens the
 * room if the planned job has not yet (ensureRoom is idempotent).
 */
export const joinCall = authedProcedure
  .input(joinCallInput)
  .output(joinCallOutput)
  .mutation(async ({ ctx, input }) => {
    const { services } = ctx;
    const now = new Date();
    const access = await callAccess(services, ctx.user.id, input.sessionId);
    assertCallOpen(access, now);
    const room = await openRoom(services, input.sessionId);
    if (!room) throw new AppError("VIDEO_SESSION_ENDED");
    const ttlSeconds = Math.ceil((access.session.endsAt.getTime() - now.getTime()) / 1000);
    const token = services.video.createAccessToken({
      identity: ctx.user.id,
      roomName: room.uniqueName,
      ttlSeconds,
    });
    return {
      provider: services.video.id,
      token: token.token,
      roomName: room.uniqueName,
      identity: ctx.user.id,
      expiresAt: token.expiresAt,
    };
  });
