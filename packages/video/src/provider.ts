/** Twilio's room types we use; `group` is the one Twilio recommends for new rooms. */
export type VideoRoomType = "go" | "peer-to-peer" | "group";

export type VideoRoomStatus = "in-progress" | "completed" | "failed";

export interface VideoRoom {
  sid: string;
  uniqueName: string;
  type: VideoRoomType;
  status: VideoRoomStatus;
  maxParticipants: number;
}

export interface EnsureRoomInput {
  /** Our name for the room, e.g. `booking-session:<sessionId>`: the idempotency key. */
  uniqueName: string;
  type: VideoRoomType;
  maxParticipants: number;
  /** Where the provider POSTs room and participant events (signed, see verifyStatusCallback). */
  statusCallbackUrl?: string;
}

export interface AccessTokenInput {
  /** Our user id: what the other participants and the status callbacks see. */
  identity: string;
  /** The room's unique name. */
  roomName: string;
  /** Computed by core so that the token ends with the session; 1 s to 24 h. */
  ttlSeconds: number;
}

export interface AccessToken {
  token: string;
  expiresAt: Date;
}

/** A status callback as received: the full public URL and the form-decoded POST params. */
export interface StatusCallbackRequest {
  url: string;
  params: Readonly<Record<string, string>>;
  /** The `X-Twilio-Signature` header. */
  signature: string | undefined;
}

export type VideoEventType =
  | "room-created"
  | "room-ended"
  | "participant-connected"
  | "participant-disconnected";

export interface VideoEvent {
  /** Stable across redeliveries of the same callback: core stores each event once by it. */
  eventId: string;
  type: VideoEventType;
  roomSid: string;
  roomName: string;
  participantSid?: string;
  participantIdentity?: string;
  /** On participant-disconnected: how long that participant was connected. */
  participantDurationSeconds?: number;
  occurredAt: Date;
}

/**
 * A video provider. Core depends on this contract only, never on a vendor SDK. Every method that
 * reaches the provider has a timeout and throws VideoProviderError on failure.
 */
export interface VideoProvider {
  readonly id: "twilio" | "local";
  /**
   * Creates the room, or returns the in-progress room that already has this unique name (a
   * retried or concurrent call finds the first one). The returned settings are the provider's,
   * which may differ from the input when the room existed before.
   */
  ensureRoom(input: EnsureRoomInput): Promise<VideoRoom>;
  /** Ends the room and disconnects everyone; an already completed or unknown room is fine. */
  completeRoom(sidOrUniqueName: string): Promise<void>;
  /** Throws VideoProviderError (code "invalid_ttl") for a ttl outside 1 s … 24 h. */
  createAccessToken(input: AccessTokenInput): AccessToken;
  /** Whether the callback was signed by the provider (constant-time comparison). */
  verifyStatusCallback(input: StatusCallbackRequest): boolean;
  /** The normalized event, or null for events we do not use (track events, recordings…). */
  parseStatusCallback(params: Readonly<Record<string, string>>): VideoEvent | null;
}
