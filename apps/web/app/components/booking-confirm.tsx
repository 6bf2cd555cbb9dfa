import { Form, Link, useNavigation } from "@remix-run/react";
import { ActionAlert } from "~/components/action-alert";
import { useDateFormats, useFormatDuration, useFormatMoney, useT } from "~/lib/i18n";

export interface Selection {
  optionId: string;
  offeringTitle: string;
  kind: "ONE_TO_ONE" | "GROUP";
  durationMinutes: number;
  priceMinor: number;
  currency: string;
  start: string;
  /** Null when the time is no longer free. */
  seatsLeft: number | null;
  available: boolean;
}

interface Props {
  selection: Selection;
  mentorName: string;
  skills: { slug: string; name: string }[];
  invitationToken?: string;
  failure?: { message: string; requestId?: string; code: string } | null;
  /** Back to the slot picker (without the selection). */
  backHref: string;
}

/** The last step before booking: what, when, at what price; an optional note and topics. */
export function BookingConfirm({
  selection,
  mentorName,
  skills,
  invitationToken,
  failure,
  backHref,
}: Props) {
  const t = useT();
  const formats = useDateFormats();
  const formatMoney = useFormatMoney();
  const formatDuration = useFormatDuration();
  const busy = useNavigation().state === "submitting";
  const start = new Date(selection.start);
  const end = new Date(start.getTime() + selection.durationMinutes * 60_000);
  const isFree = selection.priceMinor === 0;
  const slotGone =
    failure?.code === "SLOT_TAKEN" ||
    failure?.code === "SLOT_UNAVAILABLE" ||
    failure?.code === "SESSION_FULL";

  return (
    <section className="card confirm-card" id="confirm" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading" tabIndex={-1}>
        {t("web.confirm.heading")}
      </h2>
      <dl className="details">
        <div>
          <dt>{t("web.confirm.session")}</dt>
          <dd>
            {selection.offeringTitle} · {formatDuration(selection.durationMinutes)}
          </dd>
        </div>
        <div>
          <dt>{t("web.confirm.mentor")}</dt>
          <dd>{mentorName}</dd>
        </div>
        <div>
          <dt>{t("web.confirm.when")}</dt>
          <dd data-testid="confirm-when">
            <time dateTime={start.toISOString()}>{formats.longDate(start)}</time>,{" "}
            {formats.timeRange(start, end)}
            <span className="muted small block">
              {t("web.slots.timezone", { timezone: formats.timeZone })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("web.confirm.price")}</dt>
          <dd>{formatMoney(selection.priceMinor, selection.currency)}</dd>
        </div>
        {selection.kind === "GROUP" && selection.seatsLeft !== null ? (
          <div>
            <dt>{t("web.confirm.seats")}</dt>
            <dd>{t("web.slots.seatsLeft", { seats: selection.seatsLeft })}</dd>
          </div>
        ) : null}
      </dl>
      {!selection.available ? (
        <div className="alert alert-error" role="alert">
          {t("web.confirm.noLongerAvailable")}{" "}
          <Link to={backHref}>{t("web.confirm.pickAnother")}</Link>
        </div>
      ) : (
        <Form method="post" className="stack" replace>
          <input type="hidden" name="intent" value="hold" />
          <input type="hidden" name="optionId" value={selection.optionId} />
          <input type="hidden" name="startsAt" value={selection.start} />
          {invitationToken ? (
            <input type="hidden" name="invitationToken" value={invitationToken} />
          ) : null}
          <div className="field">
            <label htmlFor="confirm-note">{t("web.confirm.note")}</label>
            <p id="confirm-note-hint" className="hint">
              {t("web.confirm.noteHint")}
            </p>
            <textarea
              id="confirm-note"
              name="note"
              rows={3}
              maxLength={1000}
              aria-describedby="confirm-note-hint"
            />
          </div>
          {skills.length > 0 ? (
            <fieldset className="field">
              <legend>{t("web.confirm.skills")}</legend>
              <div className="checkbox-list">
                {skills.map((skill) => (
                  <label key={skill.slug} className="checkbox">
                    <input type="checkbox" name="skill" value={skill.slug} /> {skill.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          {isFree ? null : <p className="notice">{t("web.confirm.paidNotice")}</p>}
          <ActionAlert failure={failure} />
          {slotGone ? (
            <p>
              <Link to={backHref}>{t("web.confirm.pickAnother")}</Link>
            </p>
          ) : null}
          <div className="form-footer">
            <button type="submit" className="button" disabled={busy}>
              {busy
                ? t("web.form.submitting")
                : isFree
                  ? t("web.confirm.submitFree")
                  : t("web.confirm.submitPaid")}
            </button>
            <Link to={backHref} className="button button-secondary">
              {t("web.confirm.change")}
            </Link>
          </div>
        </Form>
      )}
    </section>
  );
}
