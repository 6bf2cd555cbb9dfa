import { attempt } from "./guards.server";
import type { RequestCaller } from "./trpc.server";

/** The mentee's cancel form (on /bookings and /bookings/:id). */
export async function cancelFromForm({ caller, ctx }: RequestCaller, form: FormData) {
  const bookingId = String(form.get("bookingId") ?? "");
  const reason = String(form.get("reason") ?? "").trim();
  return attempt(
    ctx,
    "cancel",
    () => caller.bookings.cancel({ bookingId, ...(reason ? { reason } : {}) }),
    bookingId,
  );
}
