import { payoutsCsv } from "@mentora/core/payouts";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parsePayoutFilters } from "~/lib/admin-payouts.server";
import { getCaller } from "~/lib/trpc.server";

const textHeaders = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

/**
 * Every payout matching Admin → Payouts' filters as CSV (admins only), streamed a page of
 * rows at a time: memory stays flat however long the history is.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { ctx } = await getCaller(request);
  const url = new URL(request.url);
  if (!ctx.session) {
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
  }
  if (ctx.session.user.role !== "ADMIN") {
    return new Response("Forbidden\n", { status: 403, headers: textHeaders });
  }
  const { filters, problems } = parsePayoutFilters(url.searchParams);
  if (problems.length > 0) {
    return new Response(`Bad filters: ${problems.join(", ")}\n`, {
      status: 400,
      headers: textHeaders,
    });
  }
  const lines = payoutsCsv(ctx.services.prisma, filters);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        ctx.services.logger.error(
          { err: error, requestId: ctx.requestId },
          "payouts CSV export failed",
        );
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  ctx.services.logger.info(
    { adminId: ctx.session.user.id, filters, requestId: ctx.requestId },
    "payouts CSV exported",
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="payouts-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
