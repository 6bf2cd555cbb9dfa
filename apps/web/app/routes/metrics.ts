import { timingSafeEqual } from "node:crypto";
import { PROMETHEUS_CONTENT_TYPE } from "@mentora/core/payments";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Prometheus metrics of this web process (and the shared queue gauges); behind `Authorization: Bearer METRICS_TOKEN` when set. */
export async function loader({ request }: LoaderFunctionArgs) {
  const services = await getServices();
  const token = services.config.METRICS_TOKEN;
  if (token) {
    const header = request.headers.get("authorization") ?? "";
    const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
    if (!sameSecret(given, token)) {
      return new Response("Unauthorized\n", {
        status: 401,
        headers: {
          "Content-Type": "text/plain; charset=utf-8",
          "WWW-Authenticate": 'Bearer realm="metrics"',
          "Cache-Control": "no-store",
        },
      });
    }
  }
  return new Response(await services.telemetry.metrics.render(), {
    headers: { "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" },
  });
}
