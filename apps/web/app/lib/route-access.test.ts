import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routeAccess } from "./route-access";

const routesDir = path.resolve(import.meta.dirname, "../routes");

describe("every Remix route file declares who may use it", () => {
  const files = readdirSync(routesDir).filter((name) => /\.(ts|tsx)$/.test(name));

  it("has an access level for each file in app/routes (add new routes to lib/route-access.ts)", () => {
    const missing = files.filter((name) => !(name in routeAccess));
    expect(missing, "route files without a declared access level").toEqual([]);
  });

  it("lists no route that no longer exists", () => {
    const stale = Object.keys(routeAccess).filter((name) => !files.includes(name));
    expect(stale, "declared routes with no file").toEqual([]);
  });
});
