import { GatewayError } from "@mentora/payment-gateway";
import {
  ApiError,
  Client,
  Environment,
  type OAuthToken,
  OrdersController,
  PaymentsController,
} from "@paypal/paypal-server-sdk";
import { PROVIDER, toGatewayError } from "./paypal-errors.ts";
import { createPayPalFetch } from "./paypal-fetch.ts";
import { createTokenSource } from "./paypal-token.ts";

export interface PayPalApiOptions {
  clientId: string;
  clientSecret: string;
  environment: "sandbox" | "live";
  /** Replaces PayPal's host (a local fake); the SDK itself only knows PayPal's hosts. */
  baseUrl?: string;
  timeoutMs: number;
}

export interface PayPalResponse {
  status: number;
  body: unknown;
  /** Its Retry-After header, if any (429 / 503). */
  retryAfter?: string | null;
}

export interface PayPalApi {
  orders: OrdersController;
  payments: PaymentsController;
  /** Runs one SDK call with a valid token; any failure becomes a GatewayError. */
  call<T>(operation: () => Promise<T>): Promise<T>;
  /**
   * A plain JSON request through the same fetch and token, for what the SDK 2.5 has no
   * controller for (Payouts, webhook verification). Non-2xx answers are returned, not thrown.
   */
  send(
    method: "GET" | "POST",
    path: string,
    options?: { body?: string; headers?: Record<string, string> },
  ): Promise<PayPalResponse>;
}

const hosts = { sandbox: "https://api-m.sandbox.paypal.com", live: "https://api-m.paypal.com" };

/**
 * The SDK keeps its token in a promise that, once a token fetch has failed, rejects every later
 * call, and it cannot be told that PayPal revoked a token. So the SDK gets a never-expiring
 * placeholder, and our fetch swaps it for the token our own cache manages.
 */
const sdkPlaceholderToken: OAuthToken = {
  accessToken: "replaced-by-paypal-fetch",
  tokenType: "Bearer",
  expiry: 253_402_300_799n,
};

function tokenRejected(error: unknown): GatewayError {
  return new GatewayError("retryable", PROVIDER, "token_rejected", "PayPal refused the token", {
    cause: error,
  });
}

export function createPayPalApi(options: PayPalApiOptions): PayPalApi {
  const paypalFetch = createPayPalFetch(options);
  let client: Client;
  const tokens = createTokenSource(() => client.clientCredentialsAuthManager.fetchToken());

  const sdkFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.headers.get("authorization") !== `Bearer ${sdkPlaceholderToken.accessToken}`) {
      return paypalFetch(request);
    }
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${await tokens.accessToken()}`);
    return paypalFetch(new Request(request, { headers }));
  };

  client = new Client({
    environment: options.environment === "live" ? Environment.Production : Environment.Sandbox,
    timeout: 0, // our fetch enforces timeoutMs and classifies the timeout
    clientCredentialsAuthCredentials: {
      oAuthClientId: options.clientId,
      oAuthClientSecret: options.clientSecret,
      oAuthToken: sdkPlaceholderToken,
    },
    httpClientOptions: { timeout: 0, retryConfig: { maxNumberOfRetries: 0 } },
    unstable_httpClientOptions: { adapter: "fetch", env: { fetch: sdkFetch } },
  });

  return {
    orders: new OrdersController(client),
    payments: new PaymentsController(client),
    async call(operation) {
      try {
        await tokens.accessToken(); // a token failure surfaces here, mapped, before anything is sent
        return await operation();
      } catch (error) {
        if (error instanceof ApiError && error.statusCode === 401) {
          tokens.invalidate();
          throw tokenRejected(error);
        }
        throw toGatewayError(error);
      }
    },
    async send(method, path, { body, headers } = {}) {
      try {
        const response = await paypalFetch(new URL(path, hosts[options.environment]), {
          method,
          body,
          headers: {
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
            authorization: `Bearer ${await tokens.accessToken()}`,
            ...headers,
          },
        });
        const text = await response.text();
        if (response.status === 401) {
          tokens.invalidate();
          throw tokenRejected(text);
        }
        return {
          status: response.status,
          body: text ? parseJson(text) : undefined,
          retryAfter: response.headers.get("retry-after"),
        };
      } catch (error) {
        throw toGatewayError(error);
      }
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
