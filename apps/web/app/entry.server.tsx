import { PassThrough } from "node:stream";
import type {
  ActionFunctionArgs,
  AppLoadContext,
  EntryContext,
  LoaderFunctionArgs,
} from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { cspNonceOf } from "~/lib/load-context";
import { NonceProvider } from "~/lib/nonce";
import { getServices } from "~/lib/services.server";
import { getCaller } from "~/lib/trpc.server";

// Single fetch: how long deferred data may stream; the render is aborted a second later.
export const streamTimeout = 5_000;

/** Unexpected errors are logged once, with the request id the error page shows. */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  void Promise.all([getServices(), getCaller(request).catch(() => undefined)])
    .then(([services, input]) =>
      services.logger.error(
        { err: error, requestId: input?.ctx.requestId, url: request.url },
        "unhandled error while serving a request",
      ),
    )
    .catch(() => undefined);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  // Security headers (CSP with this nonce, HSTS, ...) are set by the server for every response.
  loadContext?: AppLoadContext,
) {
  const nonce = cspNonceOf(loadContext);
  const waitForAll = isbot(request.headers.get("user-agent")) || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let status = responseStatusCode;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      const stream = createReadableStreamFromReadable(body);
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(stream, { headers: responseHeaders, status }));
      pipe(body);
    };
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) ready();
        },
        onAllReady() {
          // Done: the timer would otherwise keep this whole render alive for 6 s, long enough
          // to be promoted to the old generation under load (the web's RSS growth, decision 029).
          clearTimeout(abortTimer);
          if (waitForAll) ready();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          // Errors before the shell reject above and are logged by Remix's handleError.
          if (shellRendered) {
            handleError(error, {
              request,
              params: {},
              context: loadContext ?? { clientAddress: "", cspNonce: "" },
            });
          }
        },
      },
    );
    // unref(): a pending abort timer must not keep the server alive after SIGTERM.
    abortTimer = setTimeout(abort, streamTimeout + 1_000).unref();
  });
}

/**
 * For the custom web server (apps/web/server.ts), which sees every request, resource routes
 * included: records one finished request in this process's metrics (mentora_http_request_*).
 * Wire it with `createHttpRequestObserver(build.entry.module, build.routes)` from
 * @mentora/telemetry, called at the start of the server's request handler.
 */
export function observeHttpRequest(
  route: string,
  method: string,
  status: number,
  seconds: number,
): void {
  getServices()
    .then((services) => services.telemetry.observeHttpRequest(route, method, status, seconds))
    .catch(() => undefined);
}

/**
 * For the custom web server (apps/web/server.ts): starts the process's services (pools, pg-boss,
 * Prisma, better-auth) at boot, while the server starts listening, instead of on the first
 * request (decision 066). A failed start is logged and retried by the next request
 * (services.server.ts), so this one rejects and the caller need not log it.
 */
export function startServices(): Promise<void> {
  return getServices().then(() => undefined);
}

/**
 * For the custom web server's webhook lane (apps/web/server.ts, decision 064): a payment
 * provider's webhook from node's request, without Remix's route matching or fetch objects.
 */
export { receivePaymentWebhook } from "~/lib/payment-webhooks.server";
