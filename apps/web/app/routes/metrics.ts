import { metricsRequestAllowed } from "@mentora/core";
import { PROMETHEUS_CONTENT_TYPE } from "@mentora/core/payments";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";

/**
 * Prometheus metrics of this web process (and the shared queue gauges), behind
 * `Authorization: Bearer METRICS_TOKEN` (required in production; open only in development and
 * tests without one).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const services = await getServices();
  if (!metricsRequestAllowed(services.config, request.headers.get("authorization"))) {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "WWW-Authenticate": 'Bearer realm="metrics"',
        "Cache-Control": "no-store",
      },
    });
  }
  return new Response(await services.telemetry.metrics.render(), {
    headers: { "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" },
  });
}
