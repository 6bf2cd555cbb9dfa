import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createAppMetrics } from "./app-metrics.ts";
import { createHttpRequestObserver, createRouteLabeler } from "./http-routes.ts";
import { createMetrics } from "./metrics.ts";

/** The shape of Remix's build.routes for a few of Mentora's routes. */
const manifest = {
  root: { id: "root", path: "" },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true },
  "routes/admin": { id: "routes/admin", parentId: "root", path: "admin" },
  "routes/admin._index": { id: "routes/admin._index", parentId: "routes/admin", index: true },
  "routes/admin.jobs": { id: "routes/admin.jobs", parentId: "routes/admin", path: "jobs" },
  "routes/bookings.$id": { id: "routes/bookings.$id", parentId: "root", path: "bookings/:id" },
  "routes/api.trpc.$": { id: "routes/api.trpc.$", parentId: "root", path: "api/trpc/*" },
  "routes/metrics": { id: "routes/metrics", parentId: "root", path: "metrics" },
};

describe("createRouteLabeler", () => {
  const label = createRouteLabeler(manifest);

  it("names the deepest route, whatever the ids in the path", () => {
    expect(label("/")).toBe("routes/_index");
    expect(label("/admin")).toBe("routes/admin._index");
    expect(label("/admin/jobs")).toBe("routes/admin.jobs");
    expect(label("/bookings/3f1c-secret-looking-id")).toBe("routes/bookings.$id");
    expect(label("/api/trpc/health.check,account.me")).toBe("routes/api.trpc.$");
  });

  it("maps single fetch data requests to the route they load", () => {
    expect(label("/admin/jobs.data")).toBe("routes/admin.jobs");
    expect(label("/_root.data")).toBe("routes/_index");
  });

  it("gives every unknown path one label", () => {
    expect(label("/wp-login.php")).toBe("unmatched");
    expect(label("/admin/nope/deeper")).toBe("unmatched");
  });

  it("answers the same for a path asked again, before and after many other paths (its cache)", () => {
    const fresh = createRouteLabeler(manifest);
    expect(fresh("/bookings/first")).toBe("routes/bookings.$id");
    expect(fresh("/bookings/first")).toBe("routes/bookings.$id");
    // More distinct paths than the cache holds: it is cleared and keeps answering right.
    for (let i = 0; i < 1_200; i += 1) {
      expect(fresh(i % 2 ? `/bookings/${i}` : `/nope-${i}`)).toBe(
        i % 2 ? "routes/bookings.$id" : "unmatched",
      );
    }
    expect(fresh("/bookings/first")).toBe("routes/bookings.$id");
    expect(fresh("/admin/jobs.data")).toBe("routes/admin.jobs");
  });
});

describe("createHttpRequestObserver", () => {
  it("observes each request of a node:http server by route, method and status", async () => {
    const metrics = createMetrics();
    const observe = createHttpRequestObserver(createAppMetrics(metrics), manifest);
    const server = createServer((req, res) => {
      observe(req, res);
      res.statusCode = req.url?.startsWith("/bookings/") ? 500 : 200;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await (await fetch(`${base}/admin/jobs`)).text();
      await (await fetch(`${base}/admin/jobs.data`)).text();
      await (await fetch(`${base}/bookings/abc`, { method: "POST" })).text();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const text = await metrics.render();
    expect(text).toContain(
      'mentora_http_request_duration_seconds_count{route="routes/admin.jobs",method="GET",status="200"} 2',
    );
    expect(text).toContain(
      'mentora_http_request_duration_seconds_count{route="routes/bookings.$id",method="POST",status="500"} 1',
    );
  });
});
