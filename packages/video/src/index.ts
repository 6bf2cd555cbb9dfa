export { checkedTtlSeconds, MAX_TOKEN_TTL_SECONDS } from "./access-token.ts";
export {
  isVideoProviderError,
  LocalAccessTokenError,
  VideoProviderError,
  type VideoProviderErrorKind,
} from "./errors.ts";
export {
  createLocalVideoProvider,
  LOCAL_ACCOUNT_SID,
  LOCAL_API_KEY_SID,
  type LocalVideoOptions,
  localRoomSid,
  signLocalStatusCallback,
} from "./local/local-provider.ts";
export { verifyLocalAccessToken } from "./local/local-token.ts";
export {
  createMemoryLocalRoomStore,
  type LocalRoomRecord,
  type LocalRoomStore,
} from "./local/room-store.ts";
export type {
  AccessToken,
  AccessTokenInput,
  EnsureRoomInput,
  StatusCallbackRequest,
  VideoEvent,
  VideoEventType,
  VideoProvider,
  VideoRoom,
  VideoRoomStatus,
  VideoRoomType,
} from "./provider.ts";
export { MAX_GROUP_PARTICIPANTS, type RoomSettingsInput, roomSettingsFor } from "./room-type.ts";
export { parseRoomStatusCallback } from "./status-callback.ts";
export { twilioVideoEnv } from "./twilio/env.ts";
export {
  createTwilioVideoProvider,
  DEFAULT_TIMEOUT_MS,
  type TwilioVideoOptions,
} from "./twilio/twilio-provider.ts";
