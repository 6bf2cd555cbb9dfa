import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSession } from "~/lib/guards.server";
import { getCaller, isThrownResponse, userFacingError } from "~/lib/trpc.server";

/** The booking as an .ics file (its mentee or mentor only), for any calendar app. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const input = await getCaller(request);
  try {
    requireSession(request, input);
    const file = await input.caller.bookings.ics({ bookingId: params.id ?? "" });
    const filename = file.filename.replace(/[^A-Za-z0-9._-]/g, "_") || "booking.ics";
    return new Response(file.content, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isThrownResponse(error)) throw error;
    const { message, code } = userFacingError(error, input.ctx);
    const status = code === "NOT_FOUND" ? 404 : code === "UNAUTHORIZED" ? 401 : 500;
    return new Response(message, {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}
