import { randomBytes } from "node:crypto";
import { signLocalStatusCallback, verifyLocalAccessToken } from "@mentora/video";
import type { AppServices } from "../app/types.ts";
import { AppError } from "../errors/index.ts";
import { processVideoCallback } from "./callbacks/process-callback.job.ts";
import { acceptVideoCallback } from "./callbacks/receive-callback.ts";
import { localVideoSecret } from "./create-video-provider.ts";
import { statusCallbackUrl } from "./rooms.ts";

export interface LocalPresenceInput {
  /** The access token video.join gave this browser. */
  token: string;
  action: "connect" | "disconnect";
  /** From the connect answer, on disconnect. */
  participantSid?: string;
}

/**
 * The local stand-in's "status callbacks": a browser holding a valid local token says it joined
 * or left; we sign the notice with Twilio's algorithm and hand it to the same verification and
 * storage as Twilio's callbacks, then process the stored row at once so the other tab sees the
 * presence without waiting for the worker (the queued job then finds it done).
 */
export async function reportLocalPresence(
  services: AppServices,
  userId: string,
  input: LocalPresenceInput,
  now = new Date(),
): Promise<{ participantSid: string }> {
  if (services.video.id !== "local") throw new AppError("BAD_REQUEST", { reason: "not local" });
  let claims: ReturnType<typeof verifyLocalAccessToken>;
  try {
    claims = verifyLocalAccessToken(input.token, localVideoSecret(services.config), now);
  } catch {
    throw new AppError("FORBIDDEN");
  }
  if (claims.identity !== userId) throw new AppError("FORBIDDEN");
  const room = await services.prisma.videoRoom.findFirst({
    where: { uniqueName: claims.roomName, state: "OPEN" },
  });
  if (!room) throw new AppError("VIDEO_SESSION_ENDED");

  let participantSid = input.participantSid ?? "";
  let duration: string | undefined;
  if (input.action === "connect") {
    participantSid = `PA${randomBytes(16).toString("hex")}`;
  } else {
    const connection = await services.prisma.videoConnection.findUnique({
      where: { participantSid },
    });
    if (!connection || connection.userId !== userId) throw new AppError("NOT_FOUND");
    duration = String(
      Math.max(0, Math.round((now.getTime() - connection.connectedAt.getTime()) / 1000)),
    );
  }
  const params: Record<string, string> = {
    RoomSid: room.roomSid,
    RoomName: room.uniqueName,
    StatusCallbackEvent:
      input.action === "connect" ? "participant-connected" : "participant-disconnected",
    ParticipantSid: participantSid,
    ParticipantIdentity: userId,
    Timestamp: now.toISOString(),
    SequenceNumber: String(now.getTime()),
    ...(duration !== undefined ? { ParticipantDuration: duration } : {}),
  };
  const signature = signLocalStatusCallback(
    localVideoSecret(services.config),
    statusCallbackUrl(services),
    params,
  );
  const { response, callbackId } = await acceptVideoCallback(services, { params, signature });
  if (response.status !== 200) throw new Error(`local presence refused: ${response.status}`);
  if (callbackId) await processVideoCallback(services, callbackId);
  return { participantSid };
}
