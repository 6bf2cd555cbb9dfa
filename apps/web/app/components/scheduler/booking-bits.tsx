import { Link } from "@remix-run/react";
import { Avatar } from "~/components/avatar";
import { LanguageList, PausedBadge, SkillTags } from "~/components/tags";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/cn";
import { useFormatDuration, useFormatMoney, useI18n, useT } from "~/lib/i18n";

/** The design system's card surface (ui/card) on a sectioning element, so it can be labelled. */
export const cardClass = "rounded-xl border border-border bg-surface p-5 shadow-sm";

export interface ProfileStats {
  ratingCount: number;
  ratingAverage: number | null;
  sessionsGiven: number;
  responseSeconds: number | null;
  memberSince: string;
}

interface ProfileMentor {
  name: string;
  headline: string | null;
  avatarUrl: string | null;
  paused: boolean;
  languages: string[];
  skills: { slug: string; name: string }[];
  stats: ProfileStats;
}

/** The mentor page's header: who, what they know, and the figures a mentee weighs them by. */
// Built once per locale, not per render (the page renders on every request).
const profileFormatters = new Map<
  string,
  { month: Intl.DateTimeFormat; rating: Intl.NumberFormat }
>();
function profileFormats(locale: string) {
  let formats = profileFormatters.get(locale);
  if (!formats) {
    if (profileFormatters.size > 50) profileFormatters.clear();
    formats = {
      month: new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }),
      rating: new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
    };
    profileFormatters.set(locale, formats);
  }
  return formats;
}

export function ProfileHeader({ mentor }: { mentor: ProfileMentor }) {
  const t = useT();
  const { locale } = useI18n();
  const { stats } = mentor;
  const hours =
    stats.responseSeconds === null ? null : Math.max(1, Math.ceil(stats.responseSeconds / 3600));
  const formats = profileFormats(locale);
  const since = formats.month.format(new Date(stats.memberSince));
  const average = stats.ratingAverage === null ? null : formats.rating.format(stats.ratingAverage);
  return (
    <section
      className={cn(cardClass, "flex flex-col gap-4 sm:flex-row sm:items-start")}
      aria-labelledby="mentor-name"
    >
      <Avatar
        name={mentor.name}
        src={mentor.avatarUrl}
        size={96}
        className="shrink-0 rounded-full"
      />
      <div className="flex min-w-0 flex-col gap-2">
        <h1 id="mentor-name" className="m-0 text-2xl font-bold">
          {mentor.name} {mentor.paused ? <PausedBadge /> : null}
        </h1>
        {mentor.headline ? <p className="m-0 text-lg text-muted">{mentor.headline}</p> : null}
        <ul
          className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0 text-sm"
          data-testid="mentor-stats"
        >
          {average !== null && stats.ratingCount > 0 ? (
            <li data-testid="mentor-rating">
              <span aria-hidden="true">★ </span>
              <strong>{t("web.scheduler.rating", { average })}</strong>{" "}
              <span className="text-muted">
                (
                {stats.ratingCount === 1
                  ? t("web.scheduler.ratingOne")
                  : t("web.scheduler.ratingCount", { count: stats.ratingCount })}
                )
              </span>
            </li>
          ) : null}
          <li data-testid="mentor-sessions">
            {stats.sessionsGiven === 1
              ? t("web.scheduler.sessionsGivenOne")
              : t("web.scheduler.sessionsGiven", { count: stats.sessionsGiven })}
          </li>
          {hours !== null ? (
            <li data-testid="mentor-response">
              {hours === 1
                ? t("web.scheduler.repliesWithinHour")
                : t("web.scheduler.repliesWithin", { hours })}
            </li>
          ) : null}
          <li className="text-muted">{t("web.scheduler.memberSince", { date: since })}</li>
        </ul>
        <SkillTags skills={mentor.skills} />
        <LanguageList languages={mentor.languages} />
      </div>
    </section>
  );
}

interface OfferingCardProps {
  offering: {
    id: string;
    title: string;
    description: string;
    kind: "ONE_TO_ONE" | "GROUP";
    capacity: number;
    options: { id: string; durationMinutes: number; priceMinor: number; currency: string }[];
  };
  /** Where "Choose a time" goes; null hides it (own page, paused mentor). */
  href: string | null;
  chosen: boolean;
}

/** One offering: what it is, its durations and prices, and the way into its scheduler. */
export function OfferingCard({ offering, href, chosen }: OfferingCardProps) {
  const t = useT();
  const formatMoney = useFormatMoney();
  const formatDuration = useFormatDuration();
  const headingId = `offering-${offering.id}`;
  return (
    <article
      className={cn(
        cardClass,
        "flex flex-col gap-3",
        chosen && "border-primary ring-2 ring-primary",
      )}
      aria-labelledby={headingId}
      data-testid="offering"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="m-0 text-lg font-semibold">
          {offering.title}
        </h3>
        <Badge tone={offering.kind === "GROUP" ? "primary" : "neutral"}>
          {offering.kind === "GROUP"
            ? t("web.scheduler.groupOf", { capacity: offering.capacity })
            : t("web.scheduler.oneToOne")}
        </Badge>
      </div>
      {offering.description ? <p className="prose m-0">{offering.description}</p> : null}
      <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
        {offering.options.map((option) => (
          <li
            key={option.id}
            className="rounded-lg border border-border px-3 py-1 text-sm"
            data-testid="option"
          >
            <strong>{formatDuration(option.durationMinutes)}</strong> ·{" "}
            {formatMoney(option.priceMinor, option.currency)}
          </li>
        ))}
      </ul>
      {href ? (
        <div>
          <Button asChild variant={chosen ? "secondary" : "primary"} size="sm">
            <Link
              to={href}
              aria-label={t("web.scheduler.chooseTimeFor", { title: offering.title })}
              aria-current={chosen ? "page" : undefined}
              data-testid="choose-offering"
            >
              {t("web.scheduler.chooseTime")}
            </Link>
          </Button>
        </div>
      ) : null}
    </article>
  );
}
