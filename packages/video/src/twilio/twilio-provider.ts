import twilio from "twilio";
import { checkedTtlSeconds } from "../access-token.ts";
import { VideoProviderError } from "../errors.ts";
import type {
  AccessToken,
  EnsureRoomInput,
  VideoProvider,
  VideoRoom,
  VideoRoomType,
} from "../provider.ts";
import { parseRoomStatusCallback } from "../status-callback.ts";

export interface TwilioVideoOptions {
  /** AC…: the account; the `sub` of access tokens. */
  accountSid: string;
  /** SK…: an API key, used for REST calls and as the `iss` of access tokens. */
  apiKeySid: string;
  apiKeySecret: string;
  /** The account's auth token: Twilio signs status callbacks with it. */
  authToken: string;
  /** Replaces https://video.twilio.com (a local fake in tests). */
  baseUrl?: string;
  /** Bounds each REST call; default 10 s. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

// Twilio's error codes: https://www.twilio.com/docs/api/errors
const ROOM_EXISTS = 53113;

interface RoomLike {
  sid: string;
  uniqueName: string;
  type: string;
  status: string;
  maxParticipants: number;
}

export function createTwilioVideoProvider(options: TwilioVideoOptions): VideoProvider {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = twilio(options.apiKeySid, options.apiKeySecret, {
    accountSid: options.accountSid,
    timeout: timeoutMs,
    // 429s are classified retryable and left to the caller's retry policy.
    autoRetry: false,
  });
  if (options.baseUrl) client.video.baseUrl = options.baseUrl;
  const rooms = client.video.v1.rooms;

  async function fetchRoom(sidOrUniqueName: string): Promise<VideoRoom> {
    return toVideoRoom(await call(timeoutMs, () => rooms(sidOrUniqueName).fetch()));
  }

  return {
    id: "twilio",

    async ensureRoom(input: EnsureRoomInput): Promise<VideoRoom> {
      // Two rounds at most: a room that ends between our create and our fetch frees its name.
      for (let round = 1; ; round += 1) {
        try {
          const created = await call(timeoutMs, () =>
            rooms.create({
              uniqueName: input.uniqueName,
              type: input.type,
              maxParticipants: input.maxParticipants,
              ...(input.statusCallbackUrl
                ? { statusCallback: input.statusCallbackUrl, statusCallbackMethod: "POST" }
                : {}),
            }),
          );
          return toVideoRoom(created);
        } catch (error) {
          if (!(error instanceof VideoProviderError) || error.code !== `twilio_${ROOM_EXISTS}`) {
            throw error;
          }
          // The unique name only addresses the in-progress room: that is the one we created.
          try {
            return await fetchRoom(input.uniqueName);
          } catch (fetchError) {
            const gone = fetchError instanceof VideoProviderError && fetchError.status === 404;
            if (!gone || round >= 2) throw fetchError;
          }
        }
      }
    },

    async completeRoom(sidOrUniqueName: string): Promise<void> {
      try {
        await call(timeoutMs, () => rooms(sidOrUniqueName).update({ status: "completed" }));
      } catch (error) {
        if (!(error instanceof VideoProviderError) || error.kind !== "permanent") throw error;
        // Twilio refuses to complete a completed room (53112) and does not know a completed
        // room by its unique name (404): either way the room has ended, which is what we want.
        if (error.status === 404) return;
        const room = await fetchRoom(sidOrUniqueName).catch((fetchError: unknown) => {
          if (fetchError instanceof VideoProviderError && fetchError.status === 404) return null;
          throw fetchError;
        });
        if (room && room.status === "in-progress") throw error;
      }
    },

    createAccessToken(input): AccessToken {
      const ttl = checkedTtlSeconds("twilio", input.ttlSeconds);
      const token = new twilio.jwt.AccessToken(
        options.accountSid,
        options.apiKeySid,
        options.apiKeySecret,
        { identity: input.identity, ttl },
      );
      token.addGrant(new twilio.jwt.AccessToken.VideoGrant({ room: input.roomName }));
      const jwt = token.toJwt();
      return { token: jwt, expiresAt: new Date(expiryOf(jwt) * 1000) };
    },

    verifyStatusCallback(input): boolean {
      if (!input.signature) return false;
      return twilio.validateRequest(options.authToken, input.signature, input.url, {
        ...input.params,
      });
    },

    parseStatusCallback(params) {
      return parseRoomStatusCallback("twilio", params);
    },
  };
}

function toVideoRoom(room: RoomLike): VideoRoom {
  return {
    sid: room.sid,
    uniqueName: room.uniqueName,
    // group-small is a deprecated group room; we never create one, but one could exist.
    type: (room.type === "group-small" ? "group" : room.type) as VideoRoomType,
    status: room.status as VideoRoom["status"],
    maxParticipants: room.maxParticipants,
  };
}

/** The token's own `exp`, so expiresAt is exactly what Twilio will enforce. */
function expiryOf(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
  return payload.exp as number;
}

/**
 * One REST call, bounded by timeoutMs even if the socket keeps trickling bytes, with Twilio's
 * and the network's failures turned into VideoProviderErrors.
 */
async function call<T>(timeoutMs: number, request: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new VideoProviderError(
            "retryable",
            "twilio",
            "timeout",
            `Twilio did not answer in ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([request(), timeout]);
  } catch (error) {
    throw toProviderError(error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

function toProviderError(error: unknown, timeoutMs: number): VideoProviderError {
  if (error instanceof VideoProviderError) return error;
  if (error instanceof twilio.RestException) {
    const status = error.status;
    const retryable = status === 429 || status >= 500;
    const code = error.code ? `twilio_${error.code}` : `http_${status}`;
    return new VideoProviderError(
      retryable ? "retryable" : "permanent",
      "twilio",
      code,
      `Twilio answered ${status}${error.code ? ` (${error.code})` : ""}: ${error.message}`,
      { cause: error, status },
    );
  }
  const errorCode = (error as { code?: unknown } | null)?.code;
  if (errorCode === "ECONNABORTED" || errorCode === "ETIMEDOUT") {
    return new VideoProviderError(
      "retryable",
      "twilio",
      "timeout",
      `Twilio did not answer in ${timeoutMs} ms`,
      { cause: error },
    );
  }
  // Refused, reset, DNS…: nothing reliable came back; our calls are idempotent, so retry.
  return new VideoProviderError(
    "retryable",
    "twilio",
    "network",
    `Twilio could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}
