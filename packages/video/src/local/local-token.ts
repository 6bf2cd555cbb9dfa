import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { LocalAccessTokenError } from "../errors.ts";

/** Twilio's access token header: the same shape lets the call page treat both alike. */
const HEADER = { alg: "HS256", typ: "JWT", cty: "twilio-fpa;v=1" } as const;

export interface LocalTokenClaims {
  accountSid: string;
  apiKeySid: string;
  identity: string;
  roomName: string;
  ttlSeconds: number;
  now: Date;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

function sign(secret: string, signingInput: string): Buffer {
  return createHmac("sha256", secret).update(signingInput, "ascii").digest();
}

/** An HS256 JWT shaped like Twilio's video access token, signed with the local secret. */
export function signLocalAccessToken(
  secret: string,
  claims: LocalTokenClaims,
): { token: string; expiresAt: Date } {
  const iat = Math.floor(claims.now.getTime() / 1000);
  const exp = iat + claims.ttlSeconds;
  const payload = {
    jti: `${claims.apiKeySid}-${iat}-${randomBytes(4).toString("hex")}`,
    grants: { identity: claims.identity, video: { room: claims.roomName } },
    iat,
    nbf: iat,
    exp,
    iss: claims.apiKeySid,
    sub: claims.accountSid,
  };
  const signingInput = `${encode(HEADER)}.${encode(payload)}`;
  const signature = sign(secret, signingInput).toString("base64url");
  return { token: `${signingInput}.${signature}`, expiresAt: new Date(exp * 1000) };
}

function decodePart(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Reported below as malformed.
  }
  throw new LocalAccessTokenError("malformed", "The token is not a JWT");
}

/**
 * Checks a local access token (signature first, then validity window) and returns whom it
 * admits to which room. Throws LocalAccessTokenError otherwise.
 */
export function verifyLocalAccessToken(
  token: string,
  secret: string,
  now: Date = new Date(),
): { identity: string; roomName: string; expiresAt: Date } {
  const parts = token.split(".");
  if (parts.length !== 3) throw new LocalAccessTokenError("malformed", "The token is not a JWT");
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  const header = decodePart(headerPart);
  // Only HS256: never let the token choose a weaker algorithm (or "none").
  if (header.alg !== "HS256" || header.cty !== HEADER.cty) {
    throw new LocalAccessTokenError("malformed", "Not a video access token (alg or cty)");
  }
  const expected = sign(secret, `${headerPart}.${payloadPart}`);
  const given = Buffer.from(signaturePart, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new LocalAccessTokenError("bad_signature", "The token's signature does not match");
  }
  const payload = decodePart(payloadPart);
  const grants = payload.grants as { identity?: unknown; video?: { room?: unknown } } | undefined;
  const identity = grants?.identity;
  const roomName = grants?.video?.room;
  const { exp, nbf } = payload;
  if (
    typeof identity !== "string" ||
    typeof roomName !== "string" ||
    typeof exp !== "number" ||
    (nbf !== undefined && typeof nbf !== "number")
  ) {
    throw new LocalAccessTokenError("malformed", "The token lacks identity, room or exp");
  }
  const nowSeconds = now.getTime() / 1000;
  if (nowSeconds >= exp) throw new LocalAccessTokenError("expired", "The token has expired");
  if (typeof nbf === "number" && nowSeconds < nbf) {
    throw new LocalAccessTokenError("not_yet_valid", "The token is not valid yet");
  }
  return { identity, roomName, expiresAt: new Date(exp * 1000) };
}
