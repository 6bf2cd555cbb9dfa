import { createHash } from "node:crypto";
import type { MatchCandidate, MatchRequest } from "@mentora/ai";
import type { Prisma } from "@mentora/db";
import { renderMatchesEmail } from "@mentora/email";
import { isLocale } from "@mentora/i18n";
import { DateTime } from "luxon";
import { fromPrisma } from "pg-boss";
import { z } from "zod";
import type { AppServices } from "../app/types.ts";
import { type BookableOption, offeredSlots } from "../availability/index.ts";
import type { matchRequestForm } from "../contracts/index.ts";
import { loadSellableOptions, publicMentorWhere } from "../directory/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { AppError } from "../errors/index.ts";
import { enqueue } from "../jobs/define.ts";
import { loadProfileText } from "../moderation/index.ts";
import { avatarUrl } from "../profiles/index.ts";
import { isTimeZone } from "../trpc/context.ts";
import { fullTextPrescores } from "./fts.ts";

type Services = Pick<AppServices, "prisma" | "boss" | "config" | "logger" | "ai">;
type Parsed = z.output<typeof matchRequestForm>;

/** Mentors the full-text prescore hands the provider (the openai one re-ranks its top 20). */
export const candidateLimit = 50;
/** Candidates whose free slots are computed in the requested window (each costs ~3 queries). */
const slotCandidateLimit = 30;
const slotConcurrency = 4;
/** Mentors told to the mentee. */
export const matchesShown = 3;
/** Without a window, "next free slots" look this far ahead. */
const DEFAULT_HORIZON_MS = 14 * 86_400_000;

export const storedMatch = z.object({
  mentorId: z.string(),
  score: z.number(),
  explanation: z.string(),
  nextSlots: z.array(z.string()),
});
export type StoredMatch = z.output<typeof storedMatch>;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Starts of free slots of any sellable option in [from, to), earliest first, at most `max`. */
async function freeStarts(
  services: Services,
  options: readonly BookableOption[],
  range: { from: Date; to: Date; now: Date },
  max: number,
): Promise<Date[]> {
  const starts = new Set<number>();
  for (const option of options) {
    try {
      for (const slot of await offeredSlots(services.prisma, option, range))
        starts.add(slot.startMs);
    } catch (err) {
      services.logger.warn({ err, optionId: option.id }, "matching: slots of an option skipped");
    }
  }
  return [...starts]
    .sort((a, b) => a - b)
    .slice(0, max)
    .map((start) => new Date(start));
}

/** The window as instants: wall times in the mentee's time zone (DST-aware). */
function windowOf(when: Parsed["when"], timeZone: string) {
  if (!when) return null;
  const from = DateTime.fromISO(when.from, { zone: timeZone });
  const to = DateTime.fromISO(when.to, { zone: timeZone });
  if (!from.isValid || !to.isValid || to <= from) {
    throw new AppError("VALIDATION_FAILED", { field: "when" });
  }
  return { from: from.toJSDate(), to: to.toJSDate() };
}

/**
 * The ranking half of a request, without storing or telling anyone: the eligible mentors'
 * full-text prescores, their free slots in the window, and the provider's best `limit`. Also
 * what `pnpm eval:matching` measures (issue #16), so the evaluation runs the product's path.
 */
export async function rankMentors(
  services: Services,
  menteeId: string,
  input: Parsed,
  options: { timeZone?: string | null; now?: Date; limit: number },
) {
  const now = options.now ?? new Date();
  const mentee = await services.prisma.user.findUnique({
    where: { id: menteeId },
    select: { name: true, email: true, locale: true, timezone: true, deletedAt: true },
  });
  if (!mentee || mentee.deletedAt) throw new AppError("UNAUTHORIZED");
  const timeZone =
    [options.timeZone, mentee.timezone].find(
      (zone): zone is string => typeof zone === "string" && isTimeZone(zone),
    ) ?? "UTC";
  const window = windowOf(input.when, timeZone);
  if (window && window.to.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", { field: "when", reason: "IN_THE_PAST" });
  }

  const filters: Prisma.UserWhereInput[] = [
    publicMentorWhere,
    { id: { not: menteeId } },
    { mentorProfile: { is: { acceptingBookings: true } } },
  ];
  if (input.languages.length > 0) filters.push({ languages: { hasSome: input.languages } });
  const eligible = await services.prisma.user.findMany({
    where: { AND: filters },
    select: { id: true },
  });
  const prescored = await fullTextPrescoresOf(services, eligible, input.text);

  const mentors = await services.prisma.user.findMany({
    where: { id: { in: prescored.map((entry) => entry.mentorId) } },
    select: {
      id: true,
      headline: true,
      bio: true,
      languages: true,
      skills: { select: { skill: { select: { name: true } } } },
      mentorEmbedding: { select: { vector: true } },
    },
  });
  const byId = new Map(mentors.map((mentor) => [mentor.id, mentor]));
  const sellable = await loadSellableOptions(
    services.prisma,
    prescored.map((entry) => entry.mentorId),
  );

  const slotsByMentor = new Map<string, Date[]>();
  if (window) {
    const range = {
      from: new Date(Math.max(window.from.getTime(), now.getTime())),
      to: window.to,
      now,
    };
    const top = prescored.slice(0, slotCandidateLimit);
    const found = await mapLimited(top, slotConcurrency, (entry) =>
      freeStarts(services, sellable.get(entry.mentorId) ?? [], range, 5),
    );
    for (const [index, entry] of top.entries()) {
      slotsByMentor.set(entry.mentorId, found[index] ?? []);
    }
  }

  const candidates: MatchCandidate[] = prescored.flatMap((entry) => {
    const mentor = byId.get(entry.mentorId);
    if (!mentor) return [];
    const seen = new Set<string>();
    const offerings = (sellable.get(entry.mentorId) ?? []).flatMap((option) => {
      if (seen.has(option.offeringId)) return [];
      seen.add(option.offeringId);
      return [
        {
          title: option.offering.title,
          description: option.offering.description,
          priceMinor: option.priceMinor,
          currency: option.currency,
        },
      ];
    });
    const slots = slotsByMentor.get(entry.mentorId);
    return [
      {
        mentorId: mentor.id,
        headline: mentor.headline ?? "",
        bio: mentor.bio ?? "",
        skills: mentor.skills.map((skill) => skill.skill.name),
        languages: mentor.languages,
        offerings,
        prescore: entry.prescore,
        ...(slots ? { freeSlots: slots.map((slot) => slot.toISOString()) } : {}),
        ...(mentor.mentorEmbedding ? { embedding: mentor.mentorEmbedding.vector } : {}),
      },
    ];
  });

  const request: MatchRequest = {
    text: input.text,
    languages: input.languages,
    timeZone,
    ...(input.budget ? { budget: input.budget } : {}),
    ...(input.when ? { when: { ...input.when, timeZone } } : {}),
  };
  const ranked =
    candidates.length > 0
      ? await services.ai.matching.match(request, candidates, options.limit)
      : [];
  // Only mentors we offered, once each: the provider's answer is not trusted blindly.
  const offered = new Set(candidates.map((candidate) => candidate.mentorId));
  const kept = ranked
    .filter(
      (match, index) =>
        offered.has(match.mentorId) &&
        ranked.findIndex((other) => other.mentorId === match.mentorId) === index,
    )
    .slice(0, options.limit);

  return {
    mentee,
    timeZone,
    window,
    kept,
    slotsByMentor,
    sellable,
    candidateCount: candidates.length,
  };
}

/**
 * A mentee's request (issue #16): eligible mentors (public, accepting bookings, speaking one of
 * the languages asked for) are prescored by full-text search, the best
 * are handed to the matching provider with their free slots in the window and stored
 * embeddings (the provider weighs text, language, budget and availability into one score), and
 * the top three are stored with their next free slots and e-mailed to the
 * mentee (the e-mail job is enqueued in the storing transaction). Returns the request's id.
 */
export async function requestMatches(
  services: Services,
  menteeId: string,
  input: Parsed,
  options: { timeZone?: string | null; now?: Date } = {},
): Promise<{ requestId: string }> {
  const now = options.now ?? new Date();
  const { mentee, timeZone, window, kept, slotsByMentor, sellable, candidateCount } =
    await rankMentors(services, menteeId, input, { ...options, now, limit: matchesShown });
  const results: StoredMatch[] = await Promise.all(
    kept.map(async (match) => {
      const known = slotsByMentor.get(match.mentorId);
      const next =
        known ??
        (await freeStarts(
          services,
          sellable.get(match.mentorId) ?? [],
          { from: now, to: new Date(now.getTime() + DEFAULT_HORIZON_MS), now },
          3,
        ));
      return {
        mentorId: match.mentorId,
        score: Math.max(0, Math.min(1, match.score)),
        explanation: match.explanation.slice(0, 500),
        nextSlots: next.slice(0, 3).map((slot) => slot.toISOString()),
      };
    }),
  );

  const names = new Map(
    (
      await services.prisma.user.findMany({
        where: { id: { in: results.map((result) => result.mentorId) } },
        select: { id: true, name: true },
      })
    ).map((user) => [user.id, user.name]),
  );
  return services.prisma.$transaction(async (tx) => {
    const row = await tx.matchRequest.create({
      data: {
        menteeId,
        text: input.text,
        languages: input.languages,
        budgetMaxMinor: input.budget?.maxMinor ?? null,
        budgetCurrency: input.budget?.currency ?? null,
        windowFrom: window?.from ?? null,
        windowTo: window?.to ?? null,
        timeZone,
        results: results as unknown as Prisma.InputJsonValue,
        provider: services.ai.matching.id,
        notifiedAt: now,
      },
      select: { id: true },
    });
    const email = renderMatchesEmail({
      locale: isLocale(mentee.locale) ? mentee.locale : "en",
      name: mentee.name,
      timeZone,
      matches: results.map((result) => ({
        name: names.get(result.mentorId) ?? "",
        explanation: result.explanation,
        nextSlots: result.nextSlots.map((slot) => new Date(slot)),
      })),
      url: `${services.config.app.publicUrl.replace(/\/+$/, "")}/matches`,
    });
    await enqueue(
      services.boss,
      sendEmailQueue,
      { to: mentee.email, ...email },
      { db: fromPrisma(tx) },
    );
    services.logger.info(
      { requestId: row.id, candidates: candidateCount, matches: results.length },
      "match request ranked",
    );
    return { requestId: row.id };
  });
}

function fullTextPrescoresOf(
  services: Services,
  eligible: readonly { id: string }[],
  text: string,
) {
  return fullTextPrescores(
    services.prisma,
    eligible.map((mentor) => mentor.id),
    text,
    candidateLimit,
  );
}

/**
 * The viewer's own request (the latest, or the one named) with its matches as shown now: a
 * mentor no longer public is left out. Another person's request is NOT_FOUND.
 */
export async function loadMatches(
  services: Pick<AppServices, "prisma">,
  menteeId: string,
  requestId?: string,
) {
  const row = await services.prisma.matchRequest.findFirst({
    where: { menteeId, ...(requestId ? { id: requestId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!row) {
    if (requestId) throw new AppError("NOT_FOUND");
    return null;
  }
  const results = z.array(storedMatch).catch([]).parse(row.results);
  const mentors = await services.prisma.user.findMany({
    where: { AND: [publicMentorWhere, { id: { in: results.map((result) => result.mentorId) } }] },
    select: { id: true, name: true, headline: true, avatarVersion: true, languages: true },
  });
  const byId = new Map(mentors.map((mentor) => [mentor.id, mentor]));
  return {
    id: row.id,
    text: row.text,
    languages: row.languages,
    budget:
      row.budgetMaxMinor !== null && row.budgetCurrency
        ? { maxMinor: row.budgetMaxMinor, currency: row.budgetCurrency }
        : null,
    windowFrom: row.windowFrom,
    windowTo: row.windowTo,
    timeZone: row.timeZone,
    createdAt: row.createdAt,
    matches: results.flatMap((result) => {
      const mentor = byId.get(result.mentorId);
      if (!mentor) return [];
      return [
        {
          mentorId: mentor.id,
          name: mentor.name,
          headline: mentor.headline,
          languages: mentor.languages,
          avatarUrl: avatarUrl(mentor, 256),
          score: result.score,
          explanation: result.explanation,
          nextSlots: result.nextSlots.map((slot) => new Date(slot)),
        },
      ];
    }),
  };
}

/**
 * A mentor's stored embedding follows their profile text (providers with `embed`); an
 * unchanged text is not embedded again. Mentees have none: only mentors are ranked.
 */
export async function refreshMentorEmbedding(services: Services, userId: string): Promise<void> {
  const embed = services.ai.matching.embed?.bind(services.ai.matching);
  if (!embed) return;
  const mentor = await services.prisma.mentorProfile.findUnique({
    where: { userId },
    select: { userId: true },
  });
  if (!mentor) return;
  const profile = await loadProfileText(services.prisma, userId);
  if (!profile?.text) return;
  const contentHash = createHash("sha256").update(profile.text).digest("hex");
  const stored = await services.prisma.mentorEmbedding.findUnique({
    where: { mentorId: userId },
    select: { contentHash: true, provider: true },
  });
  if (stored?.contentHash === contentHash && stored.provider === services.ai.matching.id) return;
  const vector = await embed(profile.text);
  if (!vector) return;
  await services.prisma.mentorEmbedding.upsert({
    where: { mentorId: userId },
    create: { mentorId: userId, provider: services.ai.matching.id, contentHash, vector },
    update: { provider: services.ai.matching.id, contentHash, vector },
  });
}
