export {
  ADMIN_LINK_LIFETIME_MS,
  type AdminSetupLink,
  createAdminSetupLink,
  SET_PASSWORD_PATH,
} from "./admin-setup-link.ts";
export { type Auth, type AuthDeps, type AuthSession, createAuth } from "./auth.ts";
export { safeRedirectPath } from "./redirect.ts";
