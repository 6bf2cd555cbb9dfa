/** Invitations: a mentor's private link to an offering, for anyone or one address, at a private price. */
export { invitationsRouter } from "./router.ts";
export { hashInvitationToken } from "./token.ts";
