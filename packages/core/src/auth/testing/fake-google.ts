/**
 * A fake Google for server-side tests of "Sign in with Google".
 *
 * better-auth's Google provider has Google's endpoints built in, so the fake replaces
 * `globalThis.fetch` (better-auth's fetch reads it on every call) and answers:
 * - the token endpoint, with an id_token signed RS256 by a key generated here;
 * - the JWKS endpoint, with that key's public half (used when better-auth verifies an id_token
 *   itself: the id-token sign-in and link paths);
 * - the OpenID userinfo endpoint (better-auth 1.7 does not call it; answered for completeness).
 * Any other request to a Google host is refused and recorded, so a test can notice when
 * better-auth starts calling something new. Requests to any other host pass through.
 *
 * Google's consent page is played by `consent()`: it reads the authorization URL better-auth
 * built (client id, redirect URI, PKCE challenge, nonce) and returns the URL Google would send
 * the browser back to. The token endpoint then checks the client credentials, the single-use
 * code, the redirect URI and the PKCE verifier the way Google does.
 */
import {
  createHash,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomBytes,
  sign,
} from "node:crypto";

export const GOOGLE_AUTHORIZATION_URL = "https://accounts.google.com/o/oauth2/v2/auth";
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
export const GOOGLE_JWKS_URL = "https://www.googleapis.com/oauth2/v3/certs";
export const GOOGLE_USERINFO_URL = "https://openidconnect.googleapis.com/v1/userinfo";
export const GOOGLE_ISSUER = "https://accounts.google.com";
/** Token revocation (RFC 7009), used when a mentor disconnects Google Calendar. */
export const GOOGLE_REVOKE_URL = "https://oauth2.googleapis.com/revoke";

const GOOGLE_HOST = /(^|\.)(google\.com|googleapis\.com|googleusercontent\.com)$/;

/** The Google account the user consents with. */
export interface GoogleIdentity {
  /** Google's stable account id: better-auth stores it as `account.accountId`. */
  sub: string;
  email: string;
  /** Whether Google vouches for the email (`email_verified` in the id_token). */
  emailVerified: boolean;
  name?: string;
  picture?: string;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JsonWebKey & { kid: string; alg: "RS256"; use: "sig" };
}

interface IssuedCode {
  identity: GoogleIdentity;
  redirectUri: string;
  codeChallenge: string | null;
  nonce: string | null;
  scope: string;
  expiresAt: number;
}

export interface FakeGoogleOptions {
  clientId: string;
  clientSecret: string;
}

export interface FakeGoogle {
  readonly clientId: string;
  /** The key whose public half the JWKS endpoint serves. */
  readonly key: SigningKey;
  /** Every request answered by the fake, in order ("POST https://oauth2.googleapis.com/token"). */
  readonly calls: string[];
  /** Requests to a Google host the fake does not implement (answered 501). */
  readonly unexpected: string[];
  /** Tokens revoked through the revocation endpoint, in order. */
  readonly revoked: string[];
  /** Replaces globalThis.fetch. */
  install(): void;
  /** Puts the original fetch back. */
  restore(): void;
  /** The user consents on Google's page: returns where Google redirects the browser. */
  consent(authorizationUrl: string, identity: GoogleIdentity): URL;
  /** The user cancels on Google's page: Google redirects back with `error=access_denied`. */
  deny(authorizationUrl: string): URL;
  /** An id_token as Google signs it; `claims` override the defaults. */
  idToken(identity: GoogleIdentity, claims?: Record<string, unknown>, key?: SigningKey): string;
}

/** An RSA key pair with its public JWK, as Google publishes its keys. */
export function createSigningKey(kid = randomBytes(8).toString("hex")): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    kid,
    privateKey,
    publicJwk: { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" },
  };
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** A compact JWS signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256) with node:crypto. */
export function signJwt(payload: Record<string, unknown>, key: SigningKey): string {
  const header = { alg: "RS256", kid: key.kid, typ: "JWT" };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign("sha256", Buffer.from(input), key.privateKey);
  return `${input}.${base64url(signature)}`;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

export function createFakeGoogle({ clientId, clientSecret }: FakeGoogleOptions): FakeGoogle {
  const key = createSigningKey();
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, GoogleIdentity>();
  const calls: string[] = [];
  const unexpected: string[] = [];
  const revoked: string[] = [];
  let originalFetch: typeof globalThis.fetch | undefined;

  function idToken(
    identity: GoogleIdentity,
    claims: Record<string, unknown> = {},
    signingKey: SigningKey = key,
  ): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      {
        iss: GOOGLE_ISSUER,
        azp: clientId,
        aud: clientId,
        sub: identity.sub,
        email: identity.email,
        email_verified: identity.emailVerified,
        name: identity.name,
        picture: identity.picture,
        iat: now,
        exp: now + 3600,
        ...claims,
      },
      signingKey,
    );
  }

  /** Reads better-auth's authorization URL the way Google's consent page would. */
  function authorizationRequest(authorizationUrl: string) {
    const url = new URL(authorizationUrl);
    if (`${url.origin}${url.pathname}` !== GOOGLE_AUTHORIZATION_URL) {
      throw new Error(`not Google's authorization endpoint: ${url.origin}${url.pathname}`);
    }
    const param = (name: string) => url.searchParams.get(name);
    if (param("client_id") !== clientId) throw new Error(`unknown client_id ${param("client_id")}`);
    if (param("response_type") !== "code") throw new Error("response_type must be code");
    const redirectUri = param("redirect_uri");
    if (!redirectUri) throw new Error("redirect_uri missing");
    const scope = param("scope") ?? "";
    if (!scope.split(" ").includes("openid")) throw new Error("the openid scope is required");
    const codeChallenge = param("code_challenge");
    if (codeChallenge && param("code_challenge_method") !== "S256") {
      throw new Error("only S256 PKCE is supported");
    }
    return { redirectUri, scope, codeChallenge, nonce: param("nonce"), state: param("state") };
  }

  function consent(authorizationUrl: string, identity: GoogleIdentity): URL {
    const request = authorizationRequest(authorizationUrl);
    const code = `4/fake-${randomBytes(16).toString("base64url")}`;
    codes.set(code, {
      identity,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      scope: request.scope,
      expiresAt: Date.now() + 60_000,
    });
    const back = new URL(request.redirectUri);
    if (request.state !== null) back.searchParams.set("state", request.state);
    back.searchParams.set("code", code);
    back.searchParams.set("scope", request.scope);
    return back;
  }

  function deny(authorizationUrl: string): URL {
    const request = authorizationRequest(authorizationUrl);
    const back = new URL(request.redirectUri);
    back.searchParams.set("error", "access_denied");
    if (request.state !== null) back.searchParams.set("state", request.state);
    return back;
  }

  async function token(request: Request): Promise<Response> {
    if (request.method !== "POST") return json({ error: "invalid_request" }, 405);
    const form = new URLSearchParams(await request.text());
    let [id, secret] = [form.get("client_id"), form.get("client_secret")];
    const basic = request.headers.get("authorization")?.match(/^Basic (.+)$/i)?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, "base64").toString();
      const colon = decoded.indexOf(":");
      [id, secret] = [
        decodeURIComponent(decoded.slice(0, colon)),
        decodeURIComponent(decoded.slice(colon + 1)),
      ];
    }
    if (id !== clientId || secret !== clientSecret) {
      return json({ error: "invalid_client", error_description: "Unauthorized" }, 401);
    }
    if (form.get("grant_type") !== "authorization_code") {
      return json({ error: "unsupported_grant_type" }, 400);
    }
    const code = form.get("code") ?? "";
    const issued = codes.get(code);
    codes.delete(code); // single use, like Google's
    if (!issued || issued.expiresAt < Date.now()) {
      return json({ error: "invalid_grant", error_description: "Malformed auth code." }, 400);
    }
    if (form.get("redirect_uri") !== issued.redirectUri) {
      return json({ error: "redirect_uri_mismatch", error_description: "Bad Request" }, 400);
    }
    if (issued.codeChallenge) {
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (challenge !== issued.codeChallenge) {
        return json({ error: "invalid_grant", error_description: "Invalid code verifier." }, 400);
      }
    }
    const accessToken = `ya29.fake-${randomBytes(24).toString("base64url")}`;
    accessTokens.set(accessToken, issued.identity);
    const digest = createHash("sha256").update(accessToken).digest();
    return json({
      access_token: accessToken,
      expires_in: 3599,
      scope: issued.scope,
      token_type: "Bearer",
      id_token: idToken(issued.identity, {
        at_hash: base64url(digest.subarray(0, digest.length / 2)),
        ...(issued.nonce ? { nonce: issued.nonce } : {}),
      }),
    });
  }

  function userinfo(request: Request): Response {
    const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/i)?.[1];
    const identity = bearer ? accessTokens.get(bearer) : undefined;
    if (!identity) return json({ error: "invalid_request" }, 401);
    return json({
      sub: identity.sub,
      email: identity.email,
      email_verified: identity.emailVerified,
      name: identity.name,
      picture: identity.picture,
    });
  }

  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const endpoint = `${url.origin}${url.pathname}`;
    calls.push(`${request.method} ${endpoint}`);
    if (endpoint === GOOGLE_TOKEN_URL) return token(request);
    if (endpoint === GOOGLE_JWKS_URL) return json({ keys: [key.publicJwk] });
    if (endpoint === GOOGLE_USERINFO_URL) return userinfo(request);
    if (endpoint === GOOGLE_REVOKE_URL && request.method === "POST") {
      const token = new URLSearchParams(await request.text()).get("token");
      if (!token) return json({ error: "invalid_request" }, 400);
      revoked.push(token);
      accessTokens.delete(token);
      return json({});
    }
    unexpected.push(`${request.method} ${endpoint}`);
    return json({ error: "not implemented by the fake Google" }, 501);
  }

  return {
    clientId,
    key,
    calls,
    unexpected,
    revoked,
    install() {
      if (originalFetch) throw new Error("the fake Google is already installed");
      const passThrough = globalThis.fetch;
      originalFetch = passThrough;
      globalThis.fetch = async (input, init) => {
        const url = requestUrl(input);
        // Only Google's hosts are answered; the original request object is left untouched
        // for everything else.
        if (!GOOGLE_HOST.test(new URL(url).hostname)) return passThrough(input, init);
        return answer(new Request(input, init));
      };
    },
    restore() {
      if (originalFetch) globalThis.fetch = originalFetch;
      originalFetch = undefined;
    },
    consent,
    deny,
    idToken,
  };
}
