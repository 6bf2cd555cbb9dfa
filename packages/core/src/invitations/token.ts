import { createHash, randomBytes } from "node:crypto";

/** Only this hash of an invitation token is stored; the token itself is shown once. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** 32 random bytes, base64url: shown once in the link, only its sha256 is stored. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

/** The invitation's page in the web app: `${PUBLIC_URL}/invitations/<token>`. */
export function invitationUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/invitations/${encodeURIComponent(token)}`;
}

/** Expiry, in the input schemas and the default. */
export const invitationDays = { min: 1, max: 60, default: 14 } as const;
