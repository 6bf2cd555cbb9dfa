export { type Auth, type AuthDeps, type AuthSession, createAuth } from "./auth.ts";
export { safeRedirectPath } from "./redirect.ts";
