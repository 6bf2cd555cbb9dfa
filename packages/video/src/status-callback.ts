import { createHmac, timingSafeEqual } from "node:crypto";
import type { VideoEvent, VideoEventType } from "./provider.ts";

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the auth token, over the full URL
 * followed by every POST parameter sorted by name, name and value concatenated.
 */
export function requestSignature(
  key: string,
  url: string,
  params: Readonly<Record<string, string>>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac("sha1", key).update(data, "utf8").digest("base64");
}

/** Constant-time check of a signature made by requestSignature. */
export function isValidRequestSignature(
  key: string,
  url: string,
  params: Readonly<Record<string, string>>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(requestSignature(key, url, params));
  const given = Buffer.from(signature);
  // timingSafeEqual throws on a length mismatch; the expected length is public (28 chars).
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const EVENT_TYPES: ReadonlySet<string> = new Set<VideoEventType>([
  "room-created",
  "room-ended",
  "participant-connected",
  "participant-disconnected",
]);

/**
 * A Twilio Video status callback (or the local provider's, which has the same fields) as a
 * VideoEvent. Null for events we do not use and for callbacks missing what an event needs.
 */
export function parseRoomStatusCallback(
  provider: "twilio" | "local",
  params: Readonly<Record<string, string>>,
): VideoEvent | null {
  const type = params.StatusCallbackEvent;
  const roomSid = params.RoomSid;
  const timestamp = params.Timestamp;
  if (!type || !EVENT_TYPES.has(type) || !roomSid || !timestamp) return null;
  const occurredAt = new Date(timestamp);
  if (Number.isNaN(occurredAt.getTime())) return null;
  const participantSid = params.ParticipantSid || undefined;
  const isParticipantEvent = type.startsWith("participant-");
  if (isParticipantEvent && !participantSid) return null;
  // Twilio numbers each room's callbacks; a redelivery carries the same number. Without one,
  // the event's own timestamp identifies it just as well.
  const sequence = params.SequenceNumber || timestamp;
  const event: VideoEvent = {
    eventId: [provider, roomSid, type, participantSid ?? "-", sequence].join(":"),
    type: type as VideoEventType,
    roomSid,
    roomName: params.RoomName ?? "",
    occurredAt,
  };
  if (isParticipantEvent) {
    event.participantSid = participantSid;
    if (params.ParticipantIdentity) event.participantIdentity = params.ParticipantIdentity;
    const duration = Number(params.ParticipantDuration);
    if (params.ParticipantDuration && Number.isFinite(duration)) {
      event.participantDurationSeconds = duration;
    }
  }
  return event;
}
