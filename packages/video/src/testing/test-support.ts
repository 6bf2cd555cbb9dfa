import { createHmac } from "node:crypto";

/**
 * Twilio's request signature, written again from its documentation for the tests, so they do
 * not check the code against itself.
 */
export function independentTwilioSignature(
  key: string,
  url: string,
  params: Record<string, string>,
): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += `${name}${params[name]}`;
  return createHmac("sha1", key).update(Buffer.from(data, "utf-8")).digest("base64");
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown> & {
    grants: { identity?: string; video?: { room?: string } };
  };
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt {
  const [header = "", payload = "", signature = ""] = token.split(".");
  const json = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  return {
    header: json(header),
    payload: json(payload),
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, "base64url"),
  };
}

export function hs256(secret: string, signingInput: string): Buffer {
  return createHmac("sha256", secret).update(signingInput).digest();
}

/** Twilio's published request-validation example (its docs and its helper libraries' tests). */
export const TWILIO_EXAMPLE = {
  authToken: "12345",
  url: "https://mycompany.com/myapp.php?foo=1&bar=2",
  params: {
    CallSid: "CA1234567890ABCDE",
    Caller: "+14158675309",
    Digits: "1234",
    From: "+14158675309",
    To: "+18005551212",
  },
  signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
} as const;
