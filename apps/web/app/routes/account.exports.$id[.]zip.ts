import { readDataExport } from "@mentora/core/account";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCaller } from "~/lib/trpc.server";

/**
 * `/account/exports/<id>.zip`: a person's data export, for that person only, while it has not
 * expired. Anyone else, and unknown or expired ids, get the same 404; anonymous visitors go to
 * sign-in first (the e-mailed link works once they are signed in).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await getCaller(request);
  if (!ctx.session) {
    const url = new URL(request.url);
    return new Response(null, {
      status: 303,
      headers: { location: `/sign-in?redirectTo=${encodeURIComponent(url.pathname)}` },
    });
  }
  const file = await readDataExport(ctx.services, {
    exportId: params.id ?? "",
    userId: ctx.session.user.id,
  });
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "content-length": String(file.bytes.byteLength),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
