import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { loadMatches } from "../match-service.ts";

export const getMatchesInput = z
  .object({
    /** Absent: the latest. Another person's request is NOT_FOUND. */
    requestId: z.uuid().optional(),
  })
  .strict()
  .default({});

export const matchesOutput = z
  .object({
    id: z.string(),
    text: z.string(),
    languages: z.array(z.string()),
    budget: z.object({ maxMinor: z.number().int(), currency: z.string() }).nullable(),
    windowFrom: z.date().nullable(),
    windowTo: z.date().nullable(),
    timeZone: z.string(),
    createdAt: z.date(),
    matches: z.array(
      z.object({
        mentorId: z.string(),
        name: z.string(),
        headline: z.string().nullable(),
        languages: z.array(z.string()),
        avatarUrl: z.string().nullable(),
        score: z.number(),
        explanation: z.string(),
        nextSlots: z.array(z.date()),
      }),
    ),
  })
  .nullable();

/** The viewer's own match request (the latest, or the one named) with its mentors. */
export const latest = authedProcedure
  .input(getMatchesInput)
  .output(matchesOutput)
  .query(({ ctx, input }) => loadMatches(ctx.services, ctx.user.id, input.requestId));
