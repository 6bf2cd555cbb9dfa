/**
 * Invitations: a mentor's private link to an offering, for anyone or one address, at a private
 * price. Other domains use what is exported here; trpc/router.ts mounts ./router.ts.
 */
export { hashInvitationToken } from "./token.ts";
