import { z } from "zod";
import { directorySort, timeOfDay } from "../../contracts/index.ts";
import { currencySchema, priceMinorSchema } from "../../offerings/index.ts";
import { isLanguageCode, skillTag, slugifySkill } from "../../profiles/index.ts";
import { publicProcedure } from "../../trpc/init.ts";
import { cursorInput } from "../../trpc/keyset-cursor.ts";
import { pageInput } from "../../trpc/pagination.ts";
import { priceRange } from "../public-mentor.ts";
import { searchDirectory } from "../search-service.ts";
import { maxAvailabilityWindowDays } from "../slot-summary.ts";

const skillSlug = z.string().trim().min(1).max(60).transform(slugifySkill);

/** A price filter needs a currency, and its bounds in order (zod superRefine). */
export function checkPriceFilter(
  input: { currency?: string | undefined; priceMin?: number; priceMax?: number },
  ctx: z.RefinementCtx,
): void {
  if ((input.priceMin !== undefined || input.priceMax !== undefined) && !input.currency) {
    ctx.addIssue({ code: "custom", path: ["currency"], message: "A price needs a currency" });
  }
  if (
    input.priceMin !== undefined &&
    input.priceMax !== undefined &&
    input.priceMin > input.priceMax
  ) {
    ctx.addIssue({ code: "custom", path: ["priceMax"], message: "Must be at least priceMin" });
  }
}

export const searchInput = z
  .object({
    /** Text in the name, headline or a skill's name, any case. */
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((q) => q || undefined),
    /** A skill slug ("typescript"); a display name is slugified the same way. */
    skill: skillSlug.optional(),
    /** More skills: a mentor with any of `skill` and these matches. */
    skills: z.array(skillSlug).max(10).optional(),
    /** ISO 639-1 code. */
    language: z.string().trim().toLowerCase().refine(isLanguageCode, "Unknown language").optional(),
    /** Prices are compared in this currency's minor units; needed with priceMin/priceMax. */
    currency: currencySchema.optional(),
    priceMin: priceMinorSchema.optional(),
    priceMax: priceMinorSchema.optional(),
    /** Average rating of at least this (1–5, halves allowed). */
    minRating: z.number().min(1).max(5).multipleOf(0.5).optional(),
    /** Only mentors with a free slot in the next N days (1–30). */
    availableWithinDays: z.number().int().min(1).max(maxAvailabilityWindowDays).optional(),
    /** Only mentors with a free slot at these times of the viewer's day (their time zone). */
    timesOfDay: z.array(timeOfDay).max(3).optional(),
    /** relevance (default), rating, price (lowest in `currency`, else EUR), soonest. */
    sort: directorySort.optional(),
    ...pageInput({ defaultLimit: 20, maxLimit: 50 }),
    /** `nextCursor` (or `prevCursor`) of another page, for the same filters and sort. */
    cursor: cursorInput.optional(),
  })
  .strict()
  .superRefine(checkPriceFilter);

export const directoryMentor = z.object({
  id: z.string(),
  name: z.string(),
  headline: z.string().nullable(),
  languages: z.array(z.string()),
  skills: z.array(skillTag),
  /** 256 px, or null for the initials image. */
  avatarUrl: z.string().nullable(),
  /** Listed, but not taking bookings for now. */
  paused: z.boolean(),
  /** Lowest and highest price of the sellable options, per currency. */
  prices: z.array(priceRange),
  /** Average of the visible reviews (one decimal) and their count; null before the first. */
  rating: z.object({ average: z.number(), count: z.number().int() }).nullable(),
  /** First free start (ISO, UTC), within the time-of-day filter when one is given. */
  nextAvailableAt: z.string().nullable(),
});

export const searchOutput = z.object({
  items: z.array(directoryMentor),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
  /** `cursor` for the page before this one (Previous); null on the first page. */
  prevCursor: z.string().nullable(),
  /** Mentors matching the filters, over every page: exact up to 100, else 100 and capped. */
  total: z.number().int(),
  /** More mentors match than `total` (100): show "100+" (decision 071). */
  totalIsCapped: z.boolean(),
});

/** The public directory of approved mentors, filtered and sorted, times in the viewer's zone. */
export const search = publicProcedure
  .input(searchInput)
  .output(searchOutput)
  .query(({ ctx, input }) => {
    const { skill, skills, ...rest } = input;
    const allSkills = [...new Set([...(skill ? [skill] : []), ...(skills ?? [])])];
    return searchDirectory(
      ctx.services.prisma,
      { ...rest, skills: allSkills },
      { logger: ctx.services.logger, timezone: ctx.timezone },
    );
  });
