import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useEffect } from "react";
import { Avatar } from "~/components/avatar";
import { BookingConfirm, type Selection } from "~/components/booking-confirm";
import { ErrorPage } from "~/components/error-page";
import { MentorReviews } from "~/components/reviews/mentor-reviews";
import { SlotPicker, type SlotWeek } from "~/components/slot-picker";
import { LanguageList, PausedBadge, SkillTags } from "~/components/tags";
import {
  findSlot,
  holdFromForm,
  loadSlotWeek,
  slotFromUrl,
  weekFromUrl,
} from "~/lib/booking.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDuration, useFormatMoney, useFormatPriceRanges, useI18n, useT } from "~/lib/i18n";
import { namedTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  namedTitle(matches, data?.mentor.name, "web.mentors.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const { caller, ctx } = input;
    const url = new URL(request.url);
    const mentor = await caller.directory.mentor({ mentorId: params.mentorId ?? "" });
    const { today, week } = weekFromUrl(url, ctx.timezone);
    const options = mentor.offerings.flatMap((offering) =>
      offering.options.map((option) => ({ offering, option })),
    );
    // One duration's times at a time (the one the URL names, else the first): every slot of
    // every duration cost a slots query each and hundreds of links per page (decision 029).
    const optionId = url.searchParams.get("option");
    const chosen = options.find(({ option }) => option.id === optionId);
    const shown = (chosen ?? options[0])?.option;
    const weeks: Record<string, SlotWeek> = {};
    if (shown) {
      weeks[shown.id] = mentor.paused
        ? { week, timezone: ctx.timezone, paused: true, days: [] }
        : await loadSlotWeek(input, shown.id, week);
    }

    let selection: Selection | null = null;
    const start = slotFromUrl(url);
    if (chosen && start) {
      const slot = mentor.paused ? null : await findSlot(input, chosen.option.id, start);
      selection = {
        optionId: chosen.option.id,
        offeringTitle: chosen.offering.title,
        kind: chosen.offering.kind,
        durationMinutes: chosen.option.durationMinutes,
        priceMinor: chosen.option.priceMinor,
        currency: chosen.option.currency,
        start: start.toISOString(),
        seatsLeft: slot?.seatsLeft ?? null,
        available: slot !== null,
      };
    }
    const viewer = ctx.session?.user;
    return {
      mentor,
      today,
      weeks,
      selection,
      signedIn: Boolean(viewer),
      isSelf: viewer?.id === mentor.id,
      reviews: await caller.reviews.forMentor({
        mentorId: mentor.id,
        cursor: url.searchParams.get("reviews") || undefined,
      }),
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    return holdFromForm(request, input, await request.formData());
  });
}

export default function MentorPage() {
  const t = useT();
  const { locale } = useI18n();
  const formatMoney = useFormatMoney();
  const formatPrices = useFormatPriceRanges();
  const formatDuration = useFormatDuration();
  const { mentor, today, weeks, selection, signedIn, isSelf } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const pagePath = `/mentors/${mentor.id}`;

  const hrefFor = (optionId: string) => (slotStart: string) => {
    const target = `${pagePath}?option=${encodeURIComponent(optionId)}&slot=${encodeURIComponent(slotStart)}`;
    return signedIn ? `${target}#confirm` : `/sign-in?redirectTo=${encodeURIComponent(target)}`;
  };

  // Landing on a chosen slot (after sign-in too): bring the confirm form into view and focus.
  useEffect(() => {
    if (!selection) return;
    const heading = document.getElementById("confirm-heading");
    heading?.focus();
  }, [selection]);

  return (
    <div className="container">
      <p>
        <Link to="/mentors">
          <span aria-hidden="true">← </span>
          {t("web.mentors.backToDirectory")}
        </Link>
      </p>
      <section className="card mentor-header" aria-labelledby="mentor-name">
        <Avatar name={mentor.name} src={mentor.avatarUrl} size={96} />
        <div className="stack-tight">
          <h1 id="mentor-name">
            {mentor.name} {mentor.paused ? <PausedBadge /> : null}
          </h1>
          {mentor.headline ? <p className="lead">{mentor.headline}</p> : null}
          <SkillTags skills={mentor.skills} />
          <LanguageList languages={mentor.languages} />
          {mentor.prices.length > 0 ? (
            <p className="small">
              <span className="muted">{t("web.mentors.prices")} </span>
              {formatPrices(mentor.prices)}
            </p>
          ) : null}
        </div>
      </section>

      {selection && signedIn && !isSelf ? (
        <BookingConfirm
          selection={selection}
          mentorName={mentor.name}
          skills={mentor.skills}
          failure={failure && !failure.ok ? failure : null}
          backHref={pagePath}
        />
      ) : null}

      {mentor.bio ? (
        <section className="card" aria-labelledby="about-heading">
          <h2 id="about-heading">{t("web.mentors.about", { name: mentor.name })}</h2>
          <p className="prose">{mentor.bio}</p>
        </section>
      ) : null}

      <section aria-labelledby="offerings-heading" className="stack">
        <h2 id="offerings-heading">{t("web.mentors.offerings")}</h2>
        {isSelf ? <p className="notice">{t("web.mentors.ownPage")}</p> : null}
        {mentor.paused ? <p className="notice">{t("web.mentors.pausedNotice")}</p> : null}
        {mentor.offerings.length === 0 ? (
          <p className="card">{t("web.mentors.noOfferings")}</p>
        ) : (
          mentor.offerings.map((offering) => (
            <article
              key={offering.id}
              className="card offering"
              aria-labelledby={`offering-${offering.id}`}
            >
              <h3 id={`offering-${offering.id}`}>{offering.title}</h3>
              <p className="muted small">
                {offering.kind === "GROUP"
                  ? t("web.offerings.groupOf", { capacity: offering.capacity })
                  : t("web.offerings.oneToOne")}
              </p>
              {offering.description ? <p className="prose">{offering.description}</p> : null}
              {offering.options.map((option) => {
                const label = `${offering.title} · ${formatDuration(option.durationMinutes)}`;
                const week = weeks[option.id];
                return (
                  <div key={option.id} className="option" data-testid="option">
                    <p className="option-title">
                      <strong>{formatDuration(option.durationMinutes)}</strong> ·{" "}
                      {formatMoney(option.priceMinor, option.currency)}
                    </p>
                    {isSelf ? null : !week ? (
                      <Link
                        to={`${pagePath}?option=${encodeURIComponent(option.id)}`}
                        className="button button-small button-secondary"
                        preventScrollReset
                        aria-label={t("web.mentors.showTimesOf", { label })}
                        data-testid="show-times"
                      >
                        {t("web.mentors.showTimes")}
                      </Link>
                    ) : (
                      <SlotPicker
                        key={`${option.id}-${locale}`}
                        optionId={option.id}
                        label={label}
                        today={today}
                        initial={week}
                        hrefFor={hrefFor(option.id)}
                        selected={selection?.optionId === option.id ? selection.start : null}
                      />
                    )}
                  </div>
                );
              })}
            </article>
          ))
        )}
        {!signedIn && mentor.offerings.length > 0 ? (
          <p className="muted">{t("web.mentors.signInToBook")}</p>
        ) : null}
      </section>
      <MentorReviews />
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
