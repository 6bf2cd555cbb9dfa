import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { MentorReviews } from "~/components/reviews/mentor-reviews";
import type { loadMentorPage, mentorPageAction } from "~/lib/booking.server";
import { useT } from "~/lib/i18n";
import { cardClass, OfferingCard, ProfileHeader } from "./booking-bits";
import { ScheduleConfirm } from "./booking-confirm";
import { schedulerHref } from "./scheduler-url";
import { Scheduler } from "./slot-picker";

/**
 * A mentor's page (`/mentors/:id`) and its scheduler (`/mentors/:id/:offering`): the profile
 * header, the offerings as cards, the chosen offering's scheduler or confirmation beside them.
 */
export function MentorPage() {
  const t = useT();
  const { mentor, offeringId, scheduler, confirm, signedIn, isSelf } =
    useLoaderData<typeof loadMentorPage>();
  const failure = useActionData<typeof mentorPageAction>();
  const chosen = mentor.offerings.find((offering) => offering.id === offeringId) ?? null;
  const option = chosen?.options.find(
    (each) => each.durationMinutes === scheduler?.durationMinutes,
  );

  // Landing on a chosen time (after sign-in too): bring the confirmation into view and focus.
  useEffect(() => {
    if (!confirm) return;
    document.getElementById("confirm-heading")?.focus();
  }, [confirm]);

  const panel =
    chosen && scheduler ? (
      confirm && option ? (
        <ScheduleConfirm
          confirm={confirm}
          optionId={option.id}
          offering={chosen}
          durationMinutes={option.durationMinutes}
          mentorName={mentor.name}
          skills={mentor.skills}
          timeZone={scheduler.timeZone}
          hour12={scheduler.hour12}
          failure={failure && !failure.ok ? failure : null}
          backHref={schedulerHref(mentor.id, chosen.id, {
            duration: option.durationMinutes,
            date: scheduler.date,
            tz: scheduler.tzParam,
          })}
        />
      ) : (
        <Scheduler
          key={`${chosen.id}-${scheduler.durationMinutes}`}
          mentorId={mentor.id}
          offering={chosen}
          view={scheduler}
          signedIn={signedIn}
        />
      )
    ) : null;

  return (
    <div className="container flex flex-col gap-6">
      <p className="m-0">
        <Link to="/mentors">
          <span aria-hidden="true">← </span>
          {t("web.mentors.backToDirectory")}
        </Link>
      </p>
      <ProfileHeader mentor={mentor} />
      {mentor.bio ? (
        <section className={cardClass} aria-labelledby="about-heading">
          <h2 id="about-heading" className="mt-0">
            {t("web.mentors.about", { name: mentor.name })}
          </h2>
          <p className="prose m-0">{mentor.bio}</p>
        </section>
      ) : null}

      <div
        className={
          panel
            ? "grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"
            : "flex flex-col gap-6"
        }
      >
        {/* The scheduler comes first in reading order (phones see it at once), right on wide screens. */}
        {panel ? <div className="lg:col-start-2 lg:row-start-1">{panel}</div> : null}
        <section
          aria-labelledby="offerings-heading"
          className="flex flex-col gap-4 lg:col-start-1 lg:row-start-1"
        >
          <h2 id="offerings-heading" className="m-0">
            {t("web.mentors.offerings")}
          </h2>
          {isSelf ? <p className="notice">{t("web.scheduler.ownPage")}</p> : null}
          {mentor.paused ? <p className="notice">{t("web.mentors.pausedNotice")}</p> : null}
          {mentor.offerings.length === 0 ? (
            <p className={cardClass}>{t("web.mentors.noOfferings")}</p>
          ) : (
            mentor.offerings.map((offering) => (
              <OfferingCard
                key={offering.id}
                offering={offering}
                chosen={offering.id === chosen?.id}
                href={
                  isSelf || mentor.paused
                    ? null
                    : schedulerHref(mentor.id, offering.id, { tz: scheduler?.tzParam })
                }
              />
            ))
          )}
        </section>
      </div>

      <MentorReviews />
    </div>
  );
}
