import { availabilityWindows, timesOfDay } from "@mentora/core/contracts";
import { currencies, filterLanguages } from "~/lib/currencies";
import { useLanguageName, useT } from "~/lib/i18n";

export interface DirectoryFilters {
  q: string;
  skills: string[];
  language: string;
  currency: string;
  min: string;
  max: string;
  rating: string;
  within: string;
  times: string[];
  sort: string;
}

export const ratingChoices = ["4.5", "4", "3"] as const;

const fieldClass =
  "w-full rounded-lg border border-border bg-surface px-3 py-2 text-base text-text focus-visible:outline-3 focus-visible:outline-focus";
const legendClass = "mb-2 text-sm font-semibold";
const choiceClass = "flex items-center gap-2 py-1 text-sm";

/**
 * The side panel's fields: plain inputs of the directory's GET form, so the filters work
 * without JavaScript; the page submits them as they change when it has JavaScript.
 */
export function FilterPanel({
  filters,
  skills,
  invalidPrice,
}: {
  filters: DirectoryFilters;
  skills: { slug: string; name: string; mentors: number }[];
  invalidPrice: boolean;
}) {
  const t = useT();
  const languageName = useLanguageName();
  // The chosen skills stay offered even when they are not among the most common.
  const offered = [
    ...skills,
    ...filters.skills
      .filter((slug) => !skills.some((skill) => skill.slug === slug))
      .map((slug) => ({ slug, name: slug, mentors: 0 })),
  ];
  return (
    <div className="flex flex-col gap-5">
      <fieldset className="m-0 border-0 p-0">
        <legend className={legendClass}>{t("web.mentors.skillsLegend")}</legend>
        <div className="flex flex-wrap gap-x-4 lg:flex-col">
          {offered.map((skill) => (
            <label key={skill.slug} className={choiceClass}>
              <input
                type="checkbox"
                name="skill"
                value={skill.slug}
                defaultChecked={filters.skills.includes(skill.slug)}
                className="size-4"
              />
              {skill.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="filter-language" className={legendClass}>
          {t("web.mentors.language")}
        </label>
        <select
          id="filter-language"
          name="language"
          defaultValue={filters.language}
          className={fieldClass}
        >
          <option value="">{t("web.mentors.anyLanguage")}</option>
          {filterLanguages.map((code) => (
            <option key={code} value={code}>
              {languageName(code)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="m-0 border-0 p-0">
        <legend className={legendClass}>{t("web.mentors.priceRange")}</legend>
        <div className="grid grid-cols-[1fr_auto_1fr] items-center gap-2">
          <label htmlFor="filter-min" className="sr-only">
            {t("web.mentors.priceMin")}
          </label>
          <input
            id="filter-min"
            name="min"
            inputMode="decimal"
            defaultValue={filters.min}
            placeholder={t("web.mentors.priceMin")}
            aria-invalid={invalidPrice ? true : undefined}
            className={fieldClass}
          />
          <span aria-hidden="true">–</span>
          <label htmlFor="filter-max" className="sr-only">
            {t("web.mentors.priceMax")}
          </label>
          <input
            id="filter-max"
            name="max"
            inputMode="decimal"
            defaultValue={filters.max}
            placeholder={t("web.mentors.priceMax")}
            aria-invalid={invalidPrice ? true : undefined}
            className={fieldClass}
          />
        </div>
        <label htmlFor="filter-currency" className="sr-only">
          {t("web.mentors.currency")}
        </label>
        <select
          id="filter-currency"
          name="currency"
          defaultValue={filters.currency}
          className={`${fieldClass} mt-2`}
        >
          <option value="">{t("web.mentors.currency")}</option>
          {currencies.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </fieldset>
      <fieldset className="m-0 border-0 p-0">
        <legend className={legendClass}>{t("web.mentors.ratingLegend")}</legend>
        <label className={choiceClass}>
          <input
            type="radio"
            name="rating"
            value=""
            defaultChecked={!filters.rating}
            className="size-4"
          />
          {t("web.mentors.anyRating")}
        </label>
        {ratingChoices.map((rating) => (
          <label key={rating} className={choiceClass}>
            <input
              type="radio"
              name="rating"
              value={rating}
              defaultChecked={filters.rating === rating}
              className="size-4"
            />
            <span aria-hidden="true" className="text-focus">
              ★
            </span>
            {t("web.mentors.ratingAtLeast", { rating })}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="filter-within" className={legendClass}>
          {t("web.mentors.availability")}
        </label>
        <select
          id="filter-within"
          name="within"
          defaultValue={filters.within}
          className={fieldClass}
        >
          <option value="">{t("web.mentors.anyTime")}</option>
          {availabilityWindows.map((days) => (
            <option key={days} value={days}>
              {t("web.mentors.withinDays", { days })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="m-0 border-0 p-0">
        <legend className={legendClass}>{t("web.mentors.timeOfDayLegend")}</legend>
        {timesOfDay.map((part) => (
          <label key={part} className={choiceClass}>
            <input
              type="checkbox"
              name="time"
              value={part}
              defaultChecked={filters.times.includes(part)}
              className="size-4"
            />
            {t(`web.mentors.${part}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
