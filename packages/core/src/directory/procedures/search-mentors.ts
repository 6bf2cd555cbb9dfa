import { z } from "zod";
import { currencySchema, priceMinorSchema } from "../../offerings/index.ts";
import { isLanguageCode, skillTag, slugifySkill } from "../../profiles/index.ts";
import { publicProcedure } from "../../trpc/init.ts";
import { cursorInput } from "../../trpc/keyset-cursor.ts";
import { pageInput } from "../../trpc/pagination.ts";
import { priceRange } from "../public-mentor.ts";
import { searchDirectory } from "../search-service.ts";

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
    /** Text in the name or headline, any case. */
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((q) => q || undefined),
    /** A skill slug ("typescript"); a display name is slugified the same way. */
    skill: z.string().trim().min(1).max(60).transform(slugifySkill).optional(),
    /** ISO 639-1 code. */
    language: z.string().trim().toLowerCase().refine(isLanguageCode, "Unknown language").optional(),
    /** Prices are compared in this currency's minor units; needed with priceMin/priceMax. */
    currency: currencySchema.optional(),
    priceMin: priceMinorSchema.optional(),
    priceMax: priceMinorSchema.optional(),
    /** Only mentors with a free slot in the next N days (1–60). */
    availableWithinDays: z.number().int().min(1).max(60).optional(),
    ...pageInput({ defaultLimit: 20, maxLimit: 50 }),
    /** `nextCursor` of the previous page: a keyset cursor, not an id. */
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
});

export const searchOutput = z.object({
  items: z.array(directoryMentor),
  /**
   * Null on the last page. With availableWithinDays a page may hold fewer than `limit` mentors
   * (even none) and still have a next cursor: the search examines a bounded number per call.
   */
  nextCursor: z.string().nullable(),
});

/** The public directory of approved mentors, by name, filtered. */
export const search = publicProcedure
  .input(searchInput)
  .output(searchOutput)
  .query(({ ctx, input }) =>
    searchDirectory(ctx.services.prisma, input, { logger: ctx.services.logger }),
  );
