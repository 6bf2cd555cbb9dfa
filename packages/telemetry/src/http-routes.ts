import type { IncomingMessage, ServerResponse } from "node:http";
import { type AgnosticRouteObject, matchRoutes } from "@remix-run/router";
import type { AppMetrics } from "./app-metrics.ts";

/** A route of Remix's server build manifest (`build.routes`): only what matching needs. */
export interface ManifestRoute {
  id: string;
  parentId?: string | undefined;
  path?: string | undefined;
  index?: boolean | undefined;
  caseSensitive?: boolean | undefined;
}

/** Label of a request no route matched: one series however many paths scanners try. */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * The ids of the Remix routes a URL path matches, outermost first (layouts included), from the
 * server build's manifest. Single fetch's `.data` suffix resolves to the page it loads.
 */
export function createRouteMatcher(
  manifest: Readonly<Record<string, ManifestRoute | undefined>>,
): (pathname: string) => string[] {
  const routes = Object.values(manifest).filter((r): r is ManifestRoute => r !== undefined);
  const build = (parentId: string | undefined): AgnosticRouteObject[] =>
    routes
      .filter((route) => route.parentId === parentId)
      .map((route) =>
        route.index
          ? { id: route.id, index: true, path: route.path, caseSensitive: route.caseSensitive }
          : {
              id: route.id,
              path: route.path,
              caseSensitive: route.caseSensitive,
              children: build(route.id),
            },
      );
  const tree = build(undefined);
  // matchRoutes flattens and ranks the whole table, compiling a pattern per route, on each call
  // (~0.3 ms for this app's table, twice per page: metrics and messages). Paths come from
  // requests: a bounded cache (cleared when full, as the other request-keyed caches, 029).
  const known = new Map<string, string[]>();
  return (pathname) => {
    let ids = known.get(pathname);
    if (ids) return ids;
    let path = pathname;
    if (path.endsWith(".data")) path = path.slice(0, -".data".length) || "/";
    if (path === "/_root") path = "/";
    ids = (matchRoutes(tree, path) ?? []).flatMap((match) =>
      match.route.id ? [match.route.id] : [],
    );
    if (known.size >= 500) known.clear();
    known.set(pathname, ids);
    return ids;
  };
}

/**
 * Maps a URL path to the id of the deepest Remix route serving it ("routes/admin.jobs"), so the
 * HTTP metric has one series per route rather than one per path (ids, tokens in URLs).
 */
export function createRouteLabeler(
  manifest: Readonly<Record<string, ManifestRoute | undefined>>,
): (pathname: string) => string {
  const match = createRouteMatcher(manifest);
  return (pathname) => match(pathname).at(-1) ?? UNMATCHED_ROUTE;
}

/**
 * For a node:http server: observes each request's duration, labelled by the route serving it,
 * once the response finished or the client went away. Call at the start of the request handler;
 * a caller that already knows the route passes its id (no matching of the route table).
 */
export function createHttpRequestObserver(
  metrics: Pick<AppMetrics, "observeHttpRequest">,
  manifest: Readonly<Record<string, ManifestRoute | undefined>>,
): (req: IncomingMessage, res: ServerResponse, routeId?: string) => void {
  const label = createRouteLabeler(manifest);
  const labelOf = (url: string | undefined) => {
    try {
      return label(new URL(url ?? "/", "http://localhost").pathname);
    } catch {
      // A request line that is not a URL matches no route.
      return UNMATCHED_ROUTE;
    }
  };
  return (req, res, routeId) => {
    const started = performance.now();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      // A response that never finished (client gone) is recorded as 499, nginx's convention.
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.observeHttpRequest(
        routeId ?? labelOf(req.url),
        req.method ?? "GET",
        status,
        (performance.now() - started) / 1000,
      );
    };
    res.once("finish", finish);
    res.once("close", finish);
  };
}
