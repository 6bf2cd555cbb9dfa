/**
 * What the production server (apps/web/server.ts, `getLoadContext`) hands every loader and
 * action as `context`. Under `remix vite:dev` there is no custom server and `context` is empty:
 * read these through the helpers below, which fall back.
 */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The TCP peer's address (req.socket.remoteAddress): a proxy's, when behind one. */
    clientAddress: string;
    /** This request's Content-Security-Policy nonce, for <Scripts nonce> and inline scripts. */
    cspNonce: string;
    /** The message namespaces this request's page needs (server/route-messages.ts). */
    i18nNamespaces?: string[];
  }
}

interface MaybeLoadContext {
  clientAddress?: string;
  cspNonce?: string;
  i18nNamespaces?: string[];
}

/** The client's address, or "unknown" under the dev server (no socket is handed over). */
export function clientAddressOf(context: MaybeLoadContext | undefined): string {
  return context?.clientAddress || "unknown";
}

/** The CSP nonce, or undefined under the dev server (which sends no CSP). */
export function cspNonceOf(context: MaybeLoadContext | undefined): string | undefined {
  return context?.cspNonce || undefined;
}

/**
 * The namespaces to send the browser: the page's, or under the dev server (no custom server to
 * match the route) every namespace but the e-mails'.
 */
export function messageNamespacesOf(
  context: MaybeLoadContext | undefined,
  all: () => string[],
): string[] {
  return context?.i18nNamespaces ?? all().filter((name) => name !== "email");
}
