export {
  ADMIN_LINK_LIFETIME_MS,
  type AdminSetupLink,
  createAdminSetupLink,
  SET_PASSWORD_PATH,
} from "./admin-setup-link.ts";
export {
  API_KEY_PREFIX,
  type Auth,
  type AuthDeps,
  type AuthSession,
  createAuth,
} from "./auth.ts";
export { accountsConfig, authConfig, DEV_AUTH_SECRET } from "./config.ts";
export { MAX_PASSKEY_NAME_LENGTH } from "./passkeys.ts";
export { authResponse } from "./rate-limit-hooks.ts";
export { safeRedirectPath } from "./redirect.ts";
export {
  hasPassedSecondFactor,
  isFreshSession,
  isPastAbsoluteLifetime,
  MAX_NAME_LENGTH,
} from "./session-policy.ts";
