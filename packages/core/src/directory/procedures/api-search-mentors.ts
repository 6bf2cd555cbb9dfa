import { z } from "zod";
import { priceMinorSchema } from "../../offerings/index.ts";
import { publicProcedure } from "../../trpc/init.ts";
import { searchDirectory } from "../search-service.ts";
import { checkPriceFilter, searchInput, searchOutput } from "./search-mentors.ts";

/**
 * The directory search's input as query parameters: numbers arrive as strings. Own schemas for
 * them, as trpc-to-openapi marks the number schemas of an API input to coerce (in place): the
 * browser's `directory.search` keeps its strict numbers.
 */
export const apiSearchInput = z
  .object({
    ...searchInput.shape,
    priceMin: z.coerce.number().pipe(priceMinorSchema).optional(),
    priceMax: z.coerce.number().pipe(priceMinorSchema).optional(),
    availableWithinDays: z.coerce.number().int().min(1).max(60).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict()
  .superRefine(checkPriceFilter);

/** Public REST API: the directory of approved mentors (decision 052). */
export const apiSearch = publicProcedure
  .meta({
    apiScope: "mentors:read",
    openapi: {
      method: "GET",
      path: "/mentors",
      tags: ["mentors"],
      summary: "Search the directory of mentors",
      description:
        'Approved mentors by name or headline, skill, language, price and availability, a page at a time: pass `nextCursor` (or `prevCursor`, the page before) back as `cursor`. `total` is exact up to 100; when more match it is 100 with `totalIsCapped: true` ("100+").',
    },
  })
  .input(apiSearchInput)
  .output(searchOutput)
  .query(({ ctx, input }) =>
    searchDirectory(ctx.services.prisma, input, { logger: ctx.services.logger }),
  );
