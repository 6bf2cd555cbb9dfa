import { Form, Link, useNavigation } from "@remix-run/react";
import { ActionAlert } from "~/components/action-alert";
import { Button } from "~/components/ui/button";
import { useFormatAmount, useFormatDuration, useFormatMoney, useI18n, useT } from "~/lib/i18n";
import { useClockFormats } from "./slot-picker";
import { zoneLabel, zoneOption } from "./time-zones";

export interface ConfirmView {
  slot: { start: string; end: string; seatsLeft: number | null };
  available: boolean;
  mentorTimeZone: string | null;
  price: {
    priceMinor: number;
    currency: string;
    exclMinor: number;
    vatMinor: number;
    vatRateBasisPoints: number;
    vatExempt: boolean;
    freeCancellationHours: number;
    holdMinutes: number;
  };
  walletMinor: number;
  gatewayMinor: number;
}

interface Props {
  confirm: ConfirmView;
  optionId: string;
  offering: { title: string; kind: "ONE_TO_ONE" | "GROUP" };
  durationMinutes: number;
  mentorName: string;
  skills: { slug: string; name: string }[];
  timeZone: string;
  hour12: boolean;
  failure?: { message: string; requestId?: string; code: string } | null;
  /** Back to the scheduler, on the same day. */
  backHref: string;
}

/**
 * The one-page confirmation: what, when (in the chosen zone and the mentor's), the price with
 * its VAT, how payment will be split, the cancellation policy; a topic and a message for the
 * mentor; then the existing hold → pay flow.
 */
export function ScheduleConfirm(props: Props) {
  const t = useT();
  const { locale } = useI18n();
  const { confirm, offering, durationMinutes } = props;
  const formatMoney = useFormatMoney();
  const formatAmount = useFormatAmount();
  const formatDuration = useFormatDuration();
  const formats = useClockFormats(props.timeZone, props.hour12);
  const mentorFormats = useClockFormats(confirm.mentorTimeZone ?? props.timeZone, props.hour12);
  const busy = useNavigation().state === "submitting";
  const start = new Date(confirm.slot.start);
  const end = new Date(confirm.slot.end);
  const { price } = confirm;
  const isFree = price.priceMinor === 0;
  const deadline = new Date(start.getTime() - price.freeCancellationHours * 3_600_000);
  const cancellableLater = deadline.getTime() > Date.now();
  const mentorZone = confirm.mentorTimeZone;
  const rate = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(
    price.vatRateBasisPoints / 100,
  );
  const slotGone =
    props.failure?.code === "SLOT_TAKEN" ||
    props.failure?.code === "SLOT_UNAVAILABLE" ||
    props.failure?.code === "SESSION_FULL";

  return (
    <section
      className="flex flex-col gap-4 rounded-xl border border-primary bg-surface p-4 shadow-sm sm:p-5"
      id="confirm"
      aria-labelledby="confirm-heading"
      data-testid="confirm"
    >
      <h2 id="confirm-heading" tabIndex={-1} className="m-0 text-xl font-semibold">
        {t("web.scheduler.confirmHeading")}
      </h2>
      <dl className="details">
        <div>
          <dt>{t("web.scheduler.session")}</dt>
          <dd>
            {offering.title} · {formatDuration(durationMinutes)}
          </dd>
        </div>
        <div>
          <dt>{t("web.scheduler.mentor")}</dt>
          <dd>{props.mentorName}</dd>
        </div>
        <div>
          <dt>{t("web.scheduler.when")}</dt>
          <dd data-testid="confirm-when">
            <time dateTime={start.toISOString()}>{formats.fullDate(start)}</time>,{" "}
            {formats.range(start, end)}
            <span className="muted small block">{zoneLabel(zoneOption(props.timeZone))}</span>
            {mentorZone && mentorZone !== props.timeZone ? (
              <span className="muted small block" data-testid="confirm-mentor-time">
                {t("web.scheduler.mentorTime", {
                  name: props.mentorName,
                  time: `${mentorFormats.fullDate(start)}, ${mentorFormats.range(start, end)}`,
                  zone: zoneLabel(zoneOption(mentorZone)),
                })}
              </span>
            ) : null}
          </dd>
        </div>
        {offering.kind === "GROUP" && confirm.slot.seatsLeft !== null ? (
          <div>
            <dt>{t("web.scheduler.places")}</dt>
            <dd>{t("web.scheduler.seatsLeft", { seats: confirm.slot.seatsLeft })}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("web.scheduler.price")}</dt>
          <dd data-testid="confirm-price">
            <strong>{formatMoney(price.priceMinor, price.currency)}</strong>
            {isFree ? null : (
              <span className="muted small block" data-testid="confirm-vat">
                {price.vatExempt
                  ? t("web.scheduler.vatExempt")
                  : t("web.scheduler.priceIncludesVat", {
                      vat: formatAmount(price.vatMinor, price.currency),
                      rate,
                      base: formatAmount(price.exclMinor, price.currency),
                    })}
              </span>
            )}
          </dd>
        </div>
        {isFree ? null : (
          <div>
            <dt>{t("web.scheduler.payment")}</dt>
            <dd data-testid="confirm-payment">
              {confirm.walletMinor > 0 ? (
                <span className="block">
                  {t("web.scheduler.fromWallet", {
                    amount: formatAmount(confirm.walletMinor, price.currency),
                  })}
                </span>
              ) : null}
              <span className="block">
                {confirm.gatewayMinor === 0
                  ? t("web.scheduler.walletCoversAll")
                  : t("web.scheduler.online", {
                      amount: formatAmount(confirm.gatewayMinor, price.currency),
                    })}
              </span>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("web.scheduler.cancellation")}</dt>
          <dd data-testid="confirm-cancellation">
            {cancellableLater
              ? t("web.scheduler.freeCancellation", {
                  deadline: `${formats.fullDate(deadline)}, ${formats.time(deadline)}`,
                  hours: price.freeCancellationHours,
                })
              : t("web.scheduler.freeCancellationPassed", { hours: price.freeCancellationHours })}
          </dd>
        </div>
      </dl>
      {!confirm.available ? (
        <div className="alert alert-error" role="alert">
          {t("web.scheduler.noLongerAvailable")}{" "}
          <Link to={props.backHref}>{t("web.scheduler.change")}</Link>
        </div>
      ) : (
        <Form method="post" className="stack" replace>
          <input type="hidden" name="intent" value="hold" />
          <input type="hidden" name="optionId" value={props.optionId} />
          <input type="hidden" name="startsAt" value={confirm.slot.start} />
          <div className="field">
            <label htmlFor="confirm-topic">{t("web.scheduler.topic")}</label>
            <p id="confirm-topic-hint" className="hint">
              {t("web.scheduler.topicHint")}
            </p>
            <input
              id="confirm-topic"
              name="topic"
              maxLength={120}
              autoComplete="off"
              aria-describedby="confirm-topic-hint"
            />
          </div>
          <div className="field">
            <label htmlFor="confirm-note">{t("web.scheduler.message")}</label>
            <p id="confirm-note-hint" className="hint">
              {t("web.scheduler.messageHint")}
            </p>
            <textarea
              id="confirm-note"
              name="note"
              rows={3}
              maxLength={1000}
              aria-describedby="confirm-note-hint"
            />
          </div>
          {props.skills.length > 0 ? (
            <fieldset className="field">
              <legend>{t("web.scheduler.skills")}</legend>
              <div className="checkbox-list">
                {props.skills.map((skill) => (
                  <label key={skill.slug} className="checkbox">
                    <input type="checkbox" name="skill" value={skill.slug} /> {skill.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          {isFree ? null : (
            <p className="notice">
              {t("web.scheduler.holdNotice", { minutes: price.holdMinutes })}
            </p>
          )}
          <ActionAlert failure={props.failure} />
          {slotGone ? (
            <p>
              <Link to={props.backHref}>{t("web.scheduler.change")}</Link>
            </p>
          ) : null}
          <div className="form-footer">
            <Button type="submit" disabled={busy}>
              {busy
                ? t("web.form.submitting")
                : isFree
                  ? t("web.scheduler.submitFree")
                  : t("web.scheduler.submitPaid")}
            </Button>
            <Button asChild variant="secondary">
              <Link to={props.backHref}>{t("web.scheduler.change")}</Link>
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
