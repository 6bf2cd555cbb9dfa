import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirectDocument } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { StatusNotice } from "~/components/action-alert";
import { Avatar } from "~/components/avatar";
import { BookingStatus, CancelBookingForm, isCancellable } from "~/components/booking-bits";
import { ErrorPage } from "~/components/error-page";
import { PayBookingForm } from "~/components/payment-bits";
import { BookingReview } from "~/components/reviews/review-forms";
import { withAvatar } from "~/lib/avatars.server";
import { cancelFromForm } from "~/lib/bookings-action.server";
import { formText } from "~/lib/forms";
import { attempt, requireSession } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useDateFormats, useFormatDuration, useFormatMoney, useT } from "~/lib/i18n";
import { namedTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  namedTitle(matches, data?.booking.offeringTitle, "web.bookings.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const user = requireSession(request, input);
    const booking = await input.caller.bookings.get({ bookingId: params.id ?? "" });
    const url = new URL(request.url);
    const isMentee = booking.menteeId === user.id;
    // What paying would take: the wallet's spendable balance first, the gateway for the rest.
    let payment: { walletMinor: number; cardMinor: number } | null = null;
    if (isMentee && booking.status === "PENDING_PAYMENT" && booking.priceMinor > 0) {
      const wallet = await input.caller.wallet.get({ limit: 1 });
      const available =
        wallet.balances.find((balance) => balance.currency === booking.currency)?.availableMinor ??
        0;
      const walletMinor = Math.max(0, Math.min(available, booking.priceMinor));
      payment = { walletMinor, cardMinor: booking.priceMinor - walletMinor };
    }
    // Reviews (issue #18): the rating form, the review and the mentor's answer of a past session.
    const review =
      booking.status === "COMPLETED"
        ? await input.caller.reviews.forBooking({ bookingId: booking.id })
        : null;
    return {
      booking: { ...booking, mentor: withAvatar(booking.mentor, 256) },
      review,
      isMentee,
      justBooked: url.searchParams.get("new") === "1",
      payment,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const form = await request.formData();
    const bookingId = params.id ?? "";
    if (form.get("intent") === "review") {
      return attempt(input.ctx, "review", () =>
        input.caller.reviews.submit({
          bookingId,
          rating: Number(formText(form, "rating")),
          text: formText(form, "text"),
        }),
      );
    }
    if (form.get("intent") === "answer") {
      return attempt(input.ctx, "answer", () =>
        input.caller.reviews.answer({
          reviewId: formText(form, "reviewId"),
          answer: formText(form, "answer"),
        }),
      );
    }
    if (form.get("intent") !== "pay") return cancelFromForm(input, form);
    const result = await attempt(
      input.ctx,
      "pay",
      () => {
        const orderNumber = form.get("orderNumber");
        return input.caller.payments.startForBooking({
          bookingId,
          ...(typeof orderNumber === "string" && orderNumber.trim()
            ? { orderNumber: orderNumber.trim() }
            : {}),
        });
      },
      bookingId,
    );
    // The provider's hosted page (another site) or our status page: a full page load either way.
    if (result.ok && result.result) throw redirectDocument(result.result.redirectUrl);
    return result;
  });
}

export default function BookingPage() {
  const t = useT();
  const formats = useDateFormats();
  const formatMoney = useFormatMoney();
  const formatDuration = useFormatDuration();
  const { booking, review, isMentee, justBooked, payment } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const held = booking.status === "PENDING_PAYMENT";

  return (
    <div className="container narrow-wide">
      <p>
        <Link to={isMentee ? "/bookings" : "/mentor/calendar"}>
          <span aria-hidden="true">← </span>
          {isMentee ? t("web.bookings.backToList") : t("web.calendar.back")}
        </Link>
      </p>
      {justBooked && booking.status === "CONFIRMED" ? (
        <div className="alert alert-success" role="status" data-testid="booked-notice">
          {t("web.booking.confirmedNotice")}
        </div>
      ) : null}
      {justBooked && held && booking.holdExpiresAt ? (
        <div className="alert alert-info" role="status">
          {t("web.booking.heldNotice", { time: formats.time(booking.holdExpiresAt) })}
        </div>
      ) : null}
      <StatusNotice
        message={
          result?.ok && result.intent === "cancel"
            ? t("web.bookings.cancelled")
            : result?.ok && result.intent === "review"
              ? t("web.reviews.submitted")
              : result?.ok && result.intent === "answer"
                ? t("web.reviews.answered")
                : null
        }
      />
      <article className="card" aria-labelledby="booking-heading">
        <h1 id="booking-heading">{booking.offeringTitle}</h1>
        <p>
          <BookingStatus status={booking.status} holdExpiresAt={booking.holdExpiresAt} />
        </p>
        {held && isMentee && payment ? (
          <PayBookingForm
            currency={booking.currency}
            totalMinor={booking.priceMinor}
            walletMinor={payment.walletMinor}
            cardMinor={payment.cardMinor}
            failure={result && !result.ok && result.intent === "pay" ? result : null}
          />
        ) : held ? (
          <p className="notice">{t("web.booking.awaitingMenteePayment")}</p>
        ) : null}
        {booking.status === "CONFIRMED" ? (
          <p>
            <Link className="button" to={`/sessions/${booking.sessionId}/call`}>
              {t("web.call.joinLink")}
            </Link>
          </p>
        ) : null}
        {booking.status !== "PENDING_PAYMENT" && booking.status !== "EXPIRED" ? (
          <p>
            <Link
              className="button button-secondary"
              to={`/bookings/${booking.id}/messages`}
              data-testid="booking-messages"
            >
              {t("web.messages.open")}
            </Link>
          </p>
        ) : null}
        <dl className="details">
          <div>
            <dt>{t("web.confirm.mentor")}</dt>
            <dd className="person">
              <Avatar name={booking.mentor.name} src={booking.mentor.avatarUrl} size={40} />
              <Link to={`/mentors/${booking.mentor.id}`}>{booking.mentor.name}</Link>
            </dd>
          </div>
          <div>
            <dt>{t("web.confirm.when")}</dt>
            <dd data-testid="booking-when">
              <time dateTime={booking.startsAt.toISOString()}>
                {formats.longDate(booking.startsAt)}
              </time>
              , {formats.timeRange(booking.startsAt, booking.endsAt)}
              <span className="muted small block">
                {t("web.slots.timezone", { timezone: formats.timeZone })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t("web.booking.duration")}</dt>
            <dd>{formatDuration(booking.durationMinutes)}</dd>
          </div>
          <div>
            <dt>{t("web.confirm.price")}</dt>
            <dd>{formatMoney(booking.priceMinor, booking.currency)}</dd>
          </div>
          {booking.kind === "GROUP" ? (
            <div>
              <dt>{t("web.booking.format")}</dt>
              <dd>{t("web.offerings.group")}</dd>
            </div>
          ) : null}
          {booking.topic ? (
            <div>
              <dt>{t("web.booking.topic")}</dt>
              <dd data-testid="booking-topic">{booking.topic}</dd>
            </div>
          ) : null}
          {booking.note ? (
            <div>
              <dt>{t("web.booking.note")}</dt>
              <dd className="prose" data-testid="booking-note">
                {booking.note}
              </dd>
            </div>
          ) : null}
          {booking.skills.length > 0 ? (
            <div>
              <dt>{t("web.booking.topics")}</dt>
              <dd>{booking.skills.map((skill) => skill.name).join(", ")}</dd>
            </div>
          ) : null}
          {booking.status === "CANCELLED" ? (
            <div>
              <dt>{t("web.booking.cancelledBy")}</dt>
              <dd>
                {booking.cancelledBy ? t(`web.booking.by.${booking.cancelledBy}`) : "—"}
                {booking.cancelReason ? ` — ${booking.cancelReason}` : ""}
              </dd>
            </div>
          ) : null}
        </dl>
        <p className="actions">
          {booking.status === "CONFIRMED" || held ? (
            <a href={`/bookings/${booking.id}/ics`} className="button button-secondary" download>
              {t("web.booking.addToCalendar")}
            </a>
          ) : null}
        </p>
        {isMentee && isCancellable(booking) ? (
          <CancelBookingForm
            bookingId={booking.id}
            failure={result && !result.ok && result.intent === "cancel" ? result : null}
          />
        ) : null}
      </article>
      {review ? (
        <BookingReview
          data={review}
          isMentee={isMentee}
          failure={result && !result.ok && result.intent !== "pay" ? result : null}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
