import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireSession } from "~/lib/guards.server";
import { withCaller } from "~/lib/trpc.server";

/**
 * Opening a notification: marks it read, then goes where it links (the bell and the list link
 * here, so following a line is reading it, with or without JavaScript). Another person's id is
 * the same 404 as an unknown one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const { path } = await input.caller.notifications.markRead({ id: params.id ?? "" });
    return redirect(path);
  });
}
