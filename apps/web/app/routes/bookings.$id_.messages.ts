import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireSession } from "~/lib/guards.server";
import { withCaller } from "~/lib/trpc.server";

/**
 * `/bookings/<id>/messages`: the booking's conversation (created on first open) for its mentee
 * or mentor; the booking page and the mentor's calendar link here. Anyone else: 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const { conversationId } = await input.caller.messages.open({ bookingId: params.id ?? "" });
    return redirect(`/messages/${conversationId}`);
  });
}
