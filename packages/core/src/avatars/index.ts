export { AvatarError, type AvatarErrorCode } from "./avatar-error.ts";
export { avatarKey, avatarUrl, avatarUserSegment } from "./avatar-keys.ts";
export { demoAvatarPng, seedDemoAvatars } from "./demo-avatars.ts";
export { type AvatarSourceType, detectImageType } from "./detect-image-type.ts";
export {
  initialsAvatarSvg,
  initialsBackgroundFor,
  initialsBackgrounds,
  initialsOf,
} from "./initials-avatar.ts";
export {
  type AvatarSize,
  avatarSizes,
  maxAvatarBytes,
  maxAvatarPixels,
  type ProcessedAvatar,
  type ProcessedAvatarSize,
  processAvatar,
} from "./process-avatar.ts";
export { type StoredAvatar, type StoredAvatarFile, storeAvatar } from "./store-avatar.ts";
