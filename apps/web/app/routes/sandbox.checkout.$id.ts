import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";

/**
 * The sandbox checkout's former address (links in open tabs and older payments): a permanent
 * redirect to where the gateway's own routes are mounted, /gateways/sandbox/checkout/:id. 308
 * keeps a POST a POST. Only while the sandbox is a loaded gateway; else it does not exist.
 */
async function moved({ request, params }: LoaderFunctionArgs | ActionFunctionArgs) {
  const { gateways } = await getServices();
  if (!gateways.ids.includes("sandbox") || !gateways.get("sandbox").routes?.checkout) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const target = new URL(
    `/gateways/sandbox/checkout/${encodeURIComponent(params.id ?? "")}`,
    request.url,
  );
  return new Response(null, {
    status: 308,
    headers: { location: target.pathname, "cache-control": "no-store" },
  });
}

export const loader = moved;
export const action = moved;
