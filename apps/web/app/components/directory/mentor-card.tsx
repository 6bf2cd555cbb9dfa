import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { Avatar } from "~/components/avatar";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { useI18n, useLanguageName } from "~/lib/i18n";
import { formatMoney } from "~/lib/money";

export interface DirectoryCardMentor {
  id: string;
  name: string;
  headline: string | null;
  languages: string[];
  skills: { slug: string; name: string }[];
  avatarUrl: string | null;
  paused: boolean;
  prices: { currency: string; minMinor: number; maxMinor: number }[];
  rating: { average: number; count: number } | null;
  nextAvailableAt: string | null;
}

/** "Tue 8 Dec, 14:00" in the viewer's language and zone. */
export function useFormatNextSlot(): (iso: string) => string {
  const { locale, timeZone } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    });
    return (iso: string) => format.format(new Date(iso));
  }, [locale, timeZone]);
}

/** The lowest price, in the currency the viewer filters by when the mentor sells in it. */
function lowestPrice(prices: DirectoryCardMentor["prices"], currency: string | undefined) {
  return prices.find((range) => range.currency === currency) ?? prices[0];
}

export function MentorCard({
  mentor,
  currency,
  headingLevel = 3,
}: {
  mentor: DirectoryCardMentor;
  currency?: string | undefined;
  headingLevel?: 2 | 3;
}) {
  const { t, locale } = useI18n();
  const languageName = useLanguageName();
  const formatNextSlot = useFormatNextSlot();
  const price = lowestPrice(mentor.prices, currency);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <Card className="flex h-full flex-col gap-3 p-4" data-testid="mentor-card">
      <div className="flex items-start gap-3">
        <Avatar
          name={mentor.name}
          src={mentor.avatarUrl}
          size={64}
          className="shrink-0 rounded-full"
        />
        <div className="min-w-0 flex-1">
          <Heading className="m-0 text-lg leading-snug font-semibold">
            <Link to={`/mentors/${mentor.id}`} className="text-text hover:text-primary">
              {mentor.name}
            </Link>
          </Heading>
          {mentor.headline ? (
            <p className="m-0 line-clamp-2 text-sm text-muted">{mentor.headline}</p>
          ) : null}
          <p className="m-0 mt-1 text-sm">
            {mentor.rating ? (
              <span
                title={t("web.mentors.ratingValue", {
                  average: mentor.rating.average.toLocaleString(locale),
                  count: mentor.rating.count,
                })}
              >
                <span aria-hidden="true" className="text-focus">
                  ★{" "}
                </span>
                <span className="sr-only">
                  {t("web.mentors.ratingValue", {
                    average: mentor.rating.average.toLocaleString(locale),
                    count: mentor.rating.count,
                  })}
                </span>
                <span aria-hidden="true">
                  <strong>{mentor.rating.average.toLocaleString(locale)}</strong>{" "}
                  <span className="text-muted">({mentor.rating.count})</span>
                </span>
              </span>
            ) : (
              <Badge tone="primary">{t("web.mentors.newMentor")}</Badge>
            )}
            {mentor.paused ? (
              <Badge tone="danger" className="ml-2">
                {t("web.mentors.paused")}
              </Badge>
            ) : null}
          </p>
        </div>
      </div>
      {mentor.skills.length > 0 ? (
        <ul
          className="m-0 flex list-none flex-wrap gap-1.5 p-0"
          aria-label={t("web.mentors.skills")}
        >
          {mentor.skills.slice(0, 5).map((skill) => (
            <li key={skill.slug}>
              <Badge>{skill.name}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {mentor.languages.length > 0 ? (
        <p className="m-0 text-sm">
          <span className="text-muted">{t("web.mentors.speaks")} </span>
          {mentor.languages.map(languageName).join(", ")}
        </p>
      ) : null}
      <div className="mt-auto flex flex-wrap items-end justify-between gap-2 border-t border-border pt-3 text-sm">
        <p className="m-0">
          {mentor.nextAvailableAt ? (
            <span className="font-medium text-success">
              {t("web.mentors.nextAvailable", { when: formatNextSlot(mentor.nextAvailableAt) })}
            </span>
          ) : (
            <span className="text-muted">{t("web.mentors.noSlotSoon")}</span>
          )}
        </p>
        <p className="m-0 font-semibold">
          {price
            ? price.minMinor === 0
              ? t("web.money.free")
              : t("web.mentors.priceFrom", {
                  price: formatMoney(price.minMinor, price.currency, locale, t("web.money.free")),
                })
            : t("web.mentors.noOfferings")}
        </p>
      </div>
    </Card>
  );
}

/** A card's shape while results load (decorative: the list says it is busy). */
export function MentorCardSkeleton() {
  return (
    <Card className="flex animate-pulse flex-col gap-3 p-4" aria-hidden="true">
      <div className="flex items-start gap-3">
        <div className="size-16 shrink-0 rounded-full bg-border" />
        <div className="flex-1 space-y-2">
          <div className="h-4 w-2/3 rounded bg-border" />
          <div className="h-3 w-full rounded bg-border" />
          <div className="h-3 w-1/3 rounded bg-border" />
        </div>
      </div>
      <div className="h-3 w-1/2 rounded bg-border" />
      <div className="h-8 w-full rounded bg-border" />
    </Card>
  );
}
