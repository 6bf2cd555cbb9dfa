import { INVOICE_KEY_PREFIX } from "@mentora/core/invoices";
import { ATTACHMENT_KEY_PREFIX } from "@mentora/core/messages";
import { fileResponse } from "@mentora/files";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";

/**
 * Stored files (avatars today) through @mentora/files' fileResponse: ETag/304, immutable caching for
 * versioned keys, raster images inline and anything else as a download. Public: avatar keys
 * are unguessable content hashes shown on public pages.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const services = await getServices();
  const key = params["*"] ?? "";
  // Invoices are private: only /invoices/<id>.pdf serves them, after its access check. Message
  // images too: only /messages/<id>/attachments/<messageId>, to the conversation's participants.
  if (key.startsWith(INVOICE_KEY_PREFIX) || key.startsWith(ATTACHMENT_KEY_PREFIX)) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  try {
    return await fileResponse(services.files, key, request);
  } catch (error) {
    services.logger.error({ err: error, key }, "could not serve a stored file");
    return new Response("Service unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}
