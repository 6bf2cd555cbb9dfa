import type { CsvOptions } from "@mentora/core/csv";
import { redirect } from "@remix-run/node";
import { getCaller } from "~/lib/trpc.server";

/** The process's services, as a request's context carries them. */
type Services = Awaited<ReturnType<typeof getCaller>>["ctx"]["services"];

const textHeaders = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

/**
 * An admin CSV export (payments, payouts): the page's filters parsed from the query string,
 * then every matching row streamed a page at a time, so memory stays flat however long the
 * history is. Anonymous → sign-in, non-admins → 403, bad filters → 400. `?bom=1` starts the
 * file with a UTF-8 byte-order mark, for spreadsheet programs that otherwise guess the encoding.
 */
export async function adminCsvExport<Filters, Problem extends string>(
  request: Request,
  options: {
    /** "payments" | "payouts": the file name and the log lines. */
    name: string;
    parse: (params: URLSearchParams) => { filters: Filters; problems: Problem[] };
    /** Gets the process's services: an export may read through Prisma or the pg pool itself. */
    lines: (
      services: Services,
      filters: Filters,
      csv: CsvOptions,
    ) => AsyncGenerator<string, void, undefined>;
  },
): Promise<Response> {
  const { ctx } = await getCaller(request);
  const url = new URL(request.url);
  if (!ctx.session) {
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
  }
  if (ctx.session.user.role !== "ADMIN") {
    return new Response("Forbidden\n", { status: 403, headers: textHeaders });
  }
  const { filters, problems } = options.parse(url.searchParams);
  if (problems.length > 0) {
    return new Response(`Bad filters: ${problems.join(", ")}\n`, {
      status: 400,
      headers: textHeaders,
    });
  }
  const lines = options.lines(ctx.services, filters, {
    bom: url.searchParams.get("bom") === "1",
  });
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
          `${options.name} CSV export failed`,
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
    `${options.name} CSV exported`,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${options.name}-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
