import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { routeNamespaces, sharedNamespaces } from "../app/lib/route-messages.ts";
import { createNamespaceResolver } from "./route-messages.ts";
import { scanRouteMessages } from "./route-messages-scan.ts";

describe("app/lib/route-messages.ts", () => {
  it("is up to date with the routes' code (run `pnpm --filter @mentora/web i18n:routes`)", () => {
    const scanned = scanRouteMessages();
    expect(sharedNamespaces).toEqual(["common", "errors", ...scanned.shared]);
    expect(routeNamespaces).toEqual(scanned.routes);
  });

  it("resolves a path (and its single-fetch .data twin) to its layouts' and page's namespaces", async () => {
    const build = (await import(
      pathToFileURL(path.resolve(import.meta.dirname, "../build/server/index.js")).href
    )) as ServerBuild;
    const resolve = createNamespaceResolver(build.routes);
    const payments = resolve("/admin/payments");
    expect(payments).toEqual(expect.arrayContaining([...sharedNamespaces, "web.adminPayments"]));
    expect(payments).not.toContain("web.signIn");
    expect(payments).not.toContain("email");
    expect(resolve("/admin/payments.data")).toEqual(payments);
    expect(resolve("/sign-in")).toContain("web.signIn");
    expect(resolve("/sign-in")).not.toContain("web.adminPayments");
    expect(resolve("/_root.data")).toEqual(resolve("/"));
    expect(resolve("/no/such/page")).not.toContain("web.adminPayments");
  });
});
