import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";

/** better-auth's own endpoints (email verification links, OAuth callbacks, session JSON). */
async function handle({ request }: LoaderFunctionArgs | ActionFunctionArgs) {
  const { auth } = await getServices();
  return auth.handler(request);
}

export const loader = handle;
export const action = handle;
