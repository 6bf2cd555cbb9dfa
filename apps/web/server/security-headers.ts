import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import helmet from "helmet";

/** The video call page: the only page that may use the camera and microphone (and Krisp's WASM). */
export const callPagePattern = /^\/sessions\/[^/]+\/call\/?$/;

/**
 * Where a payment form may end up: without JavaScript the pay form posts to us and we redirect
 * to the gateway's hosted checkout, and form-action also governs that redirect.
 */
export const checkoutOrigins = [
  "https://checkout.stripe.com",
  // Stripe Connect Express onboarding (Account Links): "Set up payouts with Stripe" posts to us.
  "https://connect.stripe.com",
  "https://www.paypal.com",
  "https://www.sandbox.paypal.com",
  "https://gateway.konnect.network",
  "https://gateway.sandbox.konnect.network",
];

/** Twilio Video's signalling (wss) and its REST/insights endpoints, for the call page. */
export const twilioOrigins = ["https://*.twilio.com", "wss://*.twilio.com"];

/** A fresh nonce for each response (128 bits, base64). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

type Res = ServerResponse & { locals: { cspNonce?: string } };

function isCallPage(req: IncomingMessage): boolean {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  return callPagePattern.test(path);
}

/**
 * Permissions-Policy: powerful features off everywhere; camera and microphone only for the
 * call page (and only from our own origin).
 */
export function permissionsPolicyFor(req: IncomingMessage): string {
  const media = isCallPage(req) ? "(self)" : "()";
  return [
    `camera=${media}`,
    `microphone=${media}`,
    `display-capture=${media}`,
    "geolocation=()",
    "payment=()",
    "usb=()",
    "interest-cohort=()",
  ].join(", ");
}

/** The helmet settings pages and data answers share (their CSPs differ). */
function helmetBase(options: { production: boolean }) {
  return {
    strictTransportSecurity: options.production
      ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true }
      : (false as const),
    referrerPolicy: { policy: "strict-origin-when-cross-origin" as const },
    xContentTypeOptions: true,
    xFrameOptions: { action: "deny" as const },
    // Avatars and invoices may be shown from emails and other sites' previews.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * Every response's security headers (helmet) with a per-request CSP nonce kept in
 * `res.locals.cspNonce`, which getLoadContext hands to Remix for <Scripts nonce>.
 *
 * script-src: the nonce and 'strict-dynamic' (scripts those load are trusted, e.g. the
 * twilio-video and Krisp chunks); 'self' only matters to browsers without CSP3, which ignore
 * the other two.
 */
export function securityHeaders(options: { production: boolean }): RequestHandler[] {
  // One function: helmet joins directive values with spaces, and an empty value is not allowed.
  const nonceSource = (req: IncomingMessage, res: ServerResponse) =>
    `'nonce-${(res as Res).locals.cspNonce}'${isCallPage(req) ? " 'wasm-unsafe-eval'" : ""}`;
  const csp = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonceSource, "'strict-dynamic'"],
        // React renders style attributes (calendar heights); the sandbox checkout has a <style>.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        mediaSrc: ["'self'", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...twilioOrigins],
        workerSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'", ...checkoutOrigins],
        upgradeInsecureRequests: options.production ? [] : null,
      },
    },
    ...helmetBase(options),
  });
  return [
    (req, res, next) => {
      res.locals.cspNonce = createNonce();
      res.setHeader("Permissions-Policy", permissionsPolicyFor(req));
      next();
    },
    csp,
  ];
}

/**
 * The security headers of an answer that is data, never a document (tRPC's JSON, /healthz):
 * the same helmet settings as the pages, computed once at start, with the strictest policy a
 * document could get instead of the per-request nonce (nothing in such an answer may run, load
 * or be framed). The lane that serves these paths sets them without per-request work.
 */
export function dataSecurityHeaders(options: { production: boolean }): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  };
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: options.production ? [] : null,
      },
    },
    ...helmetBase(options),
  })(
    { url: "/", headers: {} } as unknown as IncomingMessage,
    recorder as unknown as ServerResponse,
    () => {},
  );
  headers.set("permissions-policy", permissionsPolicyFor({ url: "/" } as IncomingMessage));
  return [...headers];
}
