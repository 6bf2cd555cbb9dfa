import { createRouteMatcher, type ManifestRoute } from "@mentora/telemetry";
import { routeNamespaces, sharedNamespaces } from "../app/lib/route-messages.ts";

/**
 * The message namespaces a request's page needs: the shared ones and those of every route the
 * path matches (layouts included). The root loader sends only these, in the viewer's locale.
 * Single fetch's `.data` suffix resolves to the page it loads.
 */
export function createNamespaceResolver(
  manifest: Readonly<Record<string, ManifestRoute | undefined>>,
): (pathname: string) => string[] {
  const match = createRouteMatcher(manifest);
  return (pathname) => [
    ...new Set([
      ...sharedNamespaces,
      ...match(pathname).flatMap((id) => routeNamespaces[id] ?? []),
    ]),
  ];
}
