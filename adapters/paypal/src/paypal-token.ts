import { GatewayError } from "@mentora/payment-gateway";
import type { OAuthToken } from "@paypal/paypal-server-sdk";
import { PROVIDER, toGatewayError } from "./paypal-errors.ts";

/** Renew this long before PayPal's expiry, so a token never dies mid-call. */
const renewMarginSeconds = 120n;

export interface PayPalTokenSource {
  /** A valid access token, fetched once and shared by every call until it nears expiry. */
  accessToken(): Promise<string>;
  /** PayPal refused the token (401): fetch a new one next time. */
  invalidate(): void;
}

/**
 * Caches the client-credentials token. A failed token fetch is retryable whatever its cause:
 * the operation it was needed for has not been sent yet.
 */
export function createTokenSource(fetchToken: () => Promise<OAuthToken>): PayPalTokenSource {
  let current: OAuthToken | undefined;
  let pending: Promise<OAuthToken> | undefined;

  const fresh = (token: OAuthToken) =>
    token.expiry === undefined ||
    token.expiry - renewMarginSeconds > BigInt(Math.floor(Date.now() / 1000));

  async function load(): Promise<OAuthToken> {
    try {
      const token = await fetchToken();
      current = token;
      return token;
    } catch (error) {
      const mapped = toGatewayError(error);
      if (mapped.kind === "permanent") throw mapped;
      throw new GatewayError("retryable", PROVIDER, mapped.code, `OAuth token: ${mapped.message}`, {
        cause: error,
      });
    } finally {
      pending = undefined;
    }
  }

  return {
    async accessToken() {
      if (current && fresh(current)) return current.accessToken;
      pending ??= load();
      return (await pending).accessToken;
    },
    invalidate() {
      current = undefined;
    },
  };
}
