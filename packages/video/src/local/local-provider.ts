import { createHash } from "node:crypto";
import { checkedTtlSeconds } from "../access-token.ts";
import { VideoProviderError } from "../errors.ts";
import type { EnsureRoomInput, VideoProvider, VideoRoom } from "../provider.ts";
import { MAX_GROUP_PARTICIPANTS } from "../room-type.ts";
import {
  isValidRequestSignature,
  parseRoomStatusCallback,
  requestSignature,
} from "../status-callback.ts";
import { signLocalAccessToken } from "./local-token.ts";
import type { LocalRoomRecord, LocalRoomStore } from "./room-store.ts";

export interface LocalVideoOptions {
  /**
   * Signs access tokens (HS256) and status callbacks (HMAC-SHA1, as Twilio does with its auth
   * token). At least 32 characters; keep it server-side.
   */
  secret: string;
  store: LocalRoomStore;
  /** Stand-ins for Twilio's account and API key sids in the tokens' `sub` and `iss`. */
  accountSid?: string;
  apiKeySid?: string;
  now?: () => Date;
}

export const LOCAL_ACCOUNT_SID = `AC${"0".repeat(32)}`;
export const LOCAL_API_KEY_SID = `SK${"0".repeat(32)}`;

/** Twilio's per-type ceilings, kept so the local provider refuses what Twilio would. */
const MAX_PARTICIPANTS = { go: 2, "peer-to-peer": 10, group: MAX_GROUP_PARTICIPANTS } as const;

/**
 * The embedded default when no Twilio keys are configured: rooms, tokens and status callbacks
 * behave like Twilio's, but no media is relayed — the web app's local call page connects the
 * browsers itself. For development and demos, not a Twilio replacement.
 */
export function createLocalVideoProvider(options: LocalVideoOptions): VideoProvider {
  if (options.secret.length < 32) {
    throw new Error("The local video provider's secret must be at least 32 characters");
  }
  const { secret, store } = options;
  const now = options.now ?? (() => new Date());
  const accountSid = options.accountSid ?? LOCAL_ACCOUNT_SID;
  const apiKeySid = options.apiKeySid ?? LOCAL_API_KEY_SID;

  async function fromStore<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new VideoProviderError(
        "retryable",
        "local",
        "store_unavailable",
        `The local room store failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  return {
    id: "local",

    async ensureRoom(input: EnsureRoomInput): Promise<VideoRoom> {
      const max = MAX_PARTICIPANTS[input.type];
      if (
        !input.uniqueName ||
        !Number.isInteger(input.maxParticipants) ||
        input.maxParticipants < 1 ||
        input.maxParticipants > max
      ) {
        throw new VideoProviderError(
          "permanent",
          "local",
          "invalid_input",
          `A ${input.type} room takes 1 to ${max} participants and a unique name`,
        );
      }
      const createdAt = now();
      const record: LocalRoomRecord = {
        sid: localRoomSid(input.uniqueName, createdAt),
        uniqueName: input.uniqueName,
        type: input.type,
        status: "in-progress",
        maxParticipants: input.maxParticipants,
        createdAt,
        endedAt: null,
      };
      return toVideoRoom(await fromStore(() => store.insertIfAbsent(record)));
    },

    async completeRoom(sidOrUniqueName: string): Promise<void> {
      const room = await fromStore(() => store.find(sidOrUniqueName));
      if (room?.status === "in-progress") await fromStore(() => store.complete(room.sid, now()));
    },

    createAccessToken(input) {
      const ttlSeconds = checkedTtlSeconds("local", input.ttlSeconds);
      return signLocalAccessToken(secret, {
        accountSid,
        apiKeySid,
        identity: input.identity,
        roomName: input.roomName,
        ttlSeconds,
        now: now(),
      });
    },

    verifyStatusCallback(input): boolean {
      return isValidRequestSignature(secret, input.url, input.params, input.signature);
    },

    parseStatusCallback(params) {
      return parseRoomStatusCallback("local", params);
    },
  };
}

/**
 * Signs a local status callback the way Twilio signs its own (the X-Twilio-Signature value), so
 * the web app's join/leave notices go through the same verification as Twilio's.
 */
export function signLocalStatusCallback(
  secret: string,
  url: string,
  params: Readonly<Record<string, string>>,
): string {
  return requestSignature(secret, url, params);
}

/**
 * RM + 32 hex, like Twilio's: derived from the unique name and the creation time, so logs can
 * be matched by hand, while a later room with the same name still gets its own sid.
 */
export function localRoomSid(uniqueName: string, createdAt: Date): string {
  const digest = createHash("sha256")
    .update(`${uniqueName}\n${createdAt.toISOString()}`)
    .digest("hex");
  return `RM${digest.slice(0, 32)}`;
}

function toVideoRoom(room: LocalRoomRecord): VideoRoom {
  return {
    sid: room.sid,
    uniqueName: room.uniqueName,
    type: room.type,
    status: room.status,
    maxParticipants: room.maxParticipants,
  };
}
