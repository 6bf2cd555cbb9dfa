import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";

const notFound = () =>
  new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });

/**
 * Pages a payment gateway serves itself (the sandbox's hosted checkout), mounted at
 * /gateways/:gatewayId/<route>/...: forwarded as the fetch Request to the adapter's handler,
 * which answers with its own HTML, headers and checks. A gateway that is not loaded, or a route
 * it does not declare, does not exist here.
 */
async function forward({ request, params }: LoaderFunctionArgs | ActionFunctionArgs) {
  const { gateways } = await getServices();
  const gatewayId = params.gatewayId ?? "";
  if (!gateways.ids.includes(gatewayId)) return notFound();
  const routes = gateways.get(gatewayId).routes ?? {};
  const [routeKey = "", ...rest] = (params["*"] ?? "").split("/");
  // Own keys only: "constructor" or "__proto__" in the URL must not reach Object.prototype.
  const handler = Object.hasOwn(routes, routeKey) ? routes[routeKey] : undefined;
  if (!handler) return notFound();
  return handler(request, {
    path: rest.length > 0 ? `/${rest.join("/")}` : "",
    publicPath: new URL(request.url).pathname,
  });
}

export const loader = forward;
export const action = forward;
