import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createHttpRequestObserver, type ManifestRoute } from "@mentora/telemetry";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./context.ts";
import { cloneTemplate } from "./servers.ts";

/**
 * The glue the custom web server uses for the HTTP metric, on the BUILT app loaded in this
 * process: the entry module's observeHttpRequest and the build's route manifest label requests
 * by route, and the build's own /metrics route shows them.
 */
interface Build {
  entry: { module: { observeHttpRequest: (r: string, m: string, s: number, t: number) => void } };
  routes: Record<
    string,
    ManifestRoute & { module: { loader?: (args: unknown) => Promise<Response> } }
  >;
}

let build: Build;
beforeAll(async () => {
  process.env.DATABASE_URL = await cloneTemplate(inject("webDbRun"), "httpmetrics");
  process.env.NODE_ENV = "test";
  process.env.METRICS_TOKEN = "";
  const file = path.resolve(import.meta.dirname, "../build/server/index.js");
  build = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Build;
});
afterAll(async () => {
  await (await globalThis.__mentoraServices)?.close();
});

async function scrape(): Promise<string> {
  const loader = build.routes["routes/metrics"]?.module.loader;
  if (!loader) throw new Error("no metrics route in the build");
  const response = await loader({
    request: new Request("http://localhost/metrics"),
    params: {},
    context: {},
  });
  return response.text();
}

describe("HTTP metrics through the built app's entry module", () => {
  it("labels each request by the Remix route serving it", async () => {
    const observe = createHttpRequestObserver(build.entry.module, build.routes);
    const server = createServer((req, res) => {
      observe(req, res);
      res.statusCode = req.url?.startsWith("/admin/jobs") ? 503 : 200;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await (await fetch(`${base}/bookings/0b7c1f8e-some-id`)).text();
      await (await fetch(`${base}/admin/jobs`, { method: "POST" })).text();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    // observeHttpRequest hands over to the services once they are up: scrape until it shows.
    let text = "";
    for (
      let attempt = 0;
      attempt < 50 && !text.includes('route="routes/admin.jobs"');
      attempt += 1
    ) {
      text = await scrape();
    }
    expect(text).toContain(
      'mentora_http_request_duration_seconds_count{route="routes/bookings.$id",method="GET",status="200"} 1',
    );
    expect(text).toContain(
      'mentora_http_request_duration_seconds_count{route="routes/admin.jobs",method="POST",status="503"} 1',
    );
    expect(text).not.toContain("0b7c1f8e");
  });
});
