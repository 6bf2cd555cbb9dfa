import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { ActionAlert } from "~/components/action-alert";
import { useDateFormats, useT } from "~/lib/i18n";

export type BookingStatusValue =
  | "PENDING_PAYMENT"
  | "CONFIRMED"
  | "COMPLETED"
  | "CANCELLED"
  | "EXPIRED";

const statusClass: Record<BookingStatusValue, string> = {
  PENDING_PAYMENT: "badge badge-warning",
  CONFIRMED: "badge badge-success",
  COMPLETED: "badge",
  CANCELLED: "badge badge-muted",
  EXPIRED: "badge badge-muted",
};

/** The booking's status in words; a held one says until when, honestly (no payment yet). */
export function BookingStatus({
  status,
  holdExpiresAt,
}: {
  status: BookingStatusValue;
  holdExpiresAt: Date | null;
}) {
  const t = useT();
  const formats = useDateFormats();
  return (
    <span className="booking-status">
      <span className={statusClass[status]} data-testid="booking-status">
        {t(`web.bookings.status.${status}`)}
      </span>
      {status === "PENDING_PAYMENT" && holdExpiresAt ? (
        <span className="small muted">
          {" "}
          {t("web.bookings.heldUntil", { time: formats.time(holdExpiresAt) })}
        </span>
      ) : null}
    </span>
  );
}

export function isCancellable(booking: { status: BookingStatusValue; startsAt: Date }): boolean {
  return (
    (booking.status === "CONFIRMED" || booking.status === "PENDING_PAYMENT") &&
    booking.startsAt.getTime() > Date.now()
  );
}

/** "Cancel this booking", with an optional reason; the refusal (too late…) shows right here. */
export function CancelBookingForm({
  bookingId,
  failure,
}: {
  bookingId: string;
  failure?: { message: string; requestId?: string } | null;
}) {
  const t = useT();
  const navigation = useNavigation();
  const reasonId = useId();
  const busy =
    navigation.state === "submitting" && navigation.formData?.get("bookingId") === bookingId;
  return (
    <details className="cancel-box" open={failure ? true : undefined}>
      <summary>{t("web.bookings.cancel")}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="cancel" />
        <input type="hidden" name="bookingId" value={bookingId} />
        <div className="field">
          <label htmlFor={reasonId}>{t("web.bookings.cancelReason")}</label>
          <textarea id={reasonId} name="reason" rows={2} maxLength={500} />
        </div>
        <ActionAlert failure={failure} />
        <div>
          <button type="submit" className="button button-danger button-small" disabled={busy}>
            {busy ? t("web.form.submitting") : t("web.bookings.confirmCancel")}
          </button>
        </div>
      </Form>
    </details>
  );
}
