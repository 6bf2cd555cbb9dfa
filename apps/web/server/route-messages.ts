import { type AgnosticRouteObject, matchRoutes } from "@remix-run/router";
import { routeNamespaces, sharedNamespaces } from "../app/lib/route-messages.ts";

/** A route of Remix's server build manifest (`build.routes`): only what matching needs. */
interface ManifestRoute {
  id: string;
  parentId?: string | undefined;
  path?: string | undefined;
  index?: boolean | undefined;
  caseSensitive?: boolean | undefined;
}

/**
 * The message namespaces a request's page needs: the shared ones and those of every route the
 * path matches (layouts included). The root loader sends only these, in the viewer's locale.
 * Single fetch's `.data` suffix resolves to the page it loads.
 */
export function createNamespaceResolver(
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
  return (pathname) => {
    let path = pathname;
    if (path.endsWith(".data")) path = path.slice(0, -".data".length) || "/";
    if (path === "/_root") path = "/";
    const ids = (matchRoutes(tree, path) ?? []).map((match) => match.route.id);
    return [
      ...new Set([
        ...sharedNamespaces,
        ...ids.flatMap((id) => (id ? (routeNamespaces[id] ?? []) : [])),
      ]),
    ];
  };
}
