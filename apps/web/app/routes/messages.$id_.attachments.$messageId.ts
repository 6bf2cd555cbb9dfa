import { messageAttachmentForContext } from "@mentora/core/messages";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCaller } from "~/lib/trpc.server";

/**
 * A message's image, for the conversation's participants (and admins reviewing a report).
 * Everyone else, signed in or not, gets the same 404: existence is not revealed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await getCaller(request);
  return messageAttachmentForContext(ctx, params.id ?? "", params.messageId ?? "", request);
}
