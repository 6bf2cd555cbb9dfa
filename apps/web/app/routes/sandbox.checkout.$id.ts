import { handleSandboxCheckout } from "@mentora/gateway-sandbox";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sandboxOptions } from "~/lib/payments.server";
import { getServices } from "~/lib/services.server";

/**
 * The sandbox provider's hosted checkout page (its own HTML, its own CSRF check): only while
 * the sandbox is a loaded gateway, else this address does not exist.
 */
async function checkout({ request }: LoaderFunctionArgs | ActionFunctionArgs) {
  const options = sandboxOptions(await getServices());
  if (!options) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return handleSandboxCheckout(request, options);
}

export const loader = checkout;
export const action = checkout;
