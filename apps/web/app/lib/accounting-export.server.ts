import type { Context } from "@mentora/core";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import {
  accountStepFor,
  type Caller,
  getCaller,
  type RequestWithContext,
  userFacingError,
} from "~/lib/trpc.server";

const textHeaders = {
  "Content-Type": "text/plain; charset=utf-8",
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
};

/**
 * An accountant's download (the invoices ZIP, the FEC): anonymous → sign-in, non-admins → 403,
 * then the core procedure that checks the admin's second factor and fresh sign-in, validates
 * the request and writes the audit entry; a stale sign-in goes to /reauth and comes back here.
 * Bad input → 400 with its stable code. Then the file, streamed.
 */
export async function accountingDownload<Grant extends { fileName: string }>(
  from: RequestWithContext,
  options: {
    authorize: (caller: Caller, params: URLSearchParams) => Promise<Grant>;
    body: (ctx: Context, grant: Grant) => ReadableStream<Uint8Array>;
    contentType: string;
  },
): Promise<Response> {
  const { ctx, caller } = await getCaller(from);
  const url = new URL(from.request.url);
  const here = `${url.pathname}${url.search}`;
  if (!ctx.session) {
    return new Response(null, {
      status: 303,
      headers: { location: `/sign-in?redirectTo=${encodeURIComponent(here)}` },
    });
  }
  if (ctx.session.user.role !== "ADMIN") {
    return new Response("Forbidden\n", { status: 403, headers: textHeaders });
  }
  let grant: Grant;
  try {
    grant = await options.authorize(caller, url.searchParams);
  } catch (error) {
    const step = accountStepFor(error, here);
    if (step) return new Response(null, { status: 303, headers: { location: step } });
    const { code, message } = userFacingError(error, ctx);
    const status = error instanceof TRPCError ? getHTTPStatusCodeFromError(error) : 500;
    return new Response(`${code}: ${message}\n`, { status, headers: textHeaders });
  }
  return new Response(options.body(ctx, grant), {
    headers: {
      "Content-Type": options.contentType,
      "Content-Disposition": `attachment; filename="${grant.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Lines from an async generator as a byte stream, pulled one at a time (constant memory). */
export function linesStream(
  ctx: Context,
  lines: AsyncGenerator<string, void, undefined>,
  what: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        ctx.services.logger.error({ err: error, requestId: ctx.requestId }, `${what} failed`);
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
