import type { MatchCandidate, MatchedMentor, MatchRequest } from "../contracts.ts";
import { fold, stem, tokens } from "./text-tokens.ts";

/** How much each fact weighs in the one score (sums to 1). */
export const matchWeights = {
  text: 0.45,
  language: 0.25,
  budget: 0.15,
  availability: 0.15,
} as const;

export type MatchFacts = {
  text: number;
  language: number;
  budget: number;
  availability: number;
  /** The mentee's language the mentor speaks (the most preferred one). */
  sharedLanguage?: string;
  /** Skills and offering titles the request names. */
  matchedSkills: string[];
  matchedOfferings: string[];
  /** The cheapest offering within the budget, when there is a budget. */
  withinBudget?: { priceMinor: number; currency: string };
  /** The most common free weekday and part of day in the mentee's time zone. */
  freeWhen?: { weekday: number; part: PartOfDay };
  freeSlotCount?: number;
};

export type ScoredCandidate = { candidate: MatchCandidate; score: number; facts: MatchFacts };

function baseLanguage(code: string): string {
  return code.toLowerCase().split(/[-_]/u)[0] ?? code;
}

function languageFact(request: MatchRequest, candidate: MatchCandidate) {
  const spoken = new Set(candidate.languages.map(baseLanguage));
  const wanted = request.languages.map(baseLanguage);
  if (wanted.length === 0) return { score: 0.5 };
  const index = wanted.findIndex((code) => spoken.has(code));
  if (index < 0) return { score: 0 };
  // The first choice counts fully, later ones a little less.
  return { score: Math.max(0.6, 1 - index * 0.2), shared: wanted[index] };
}

function budgetFact(request: MatchRequest, candidate: MatchCandidate) {
  if (!request.budget) return { score: 0.5 };
  const { maxMinor, currency } = request.budget;
  const prices = candidate.offerings
    .filter((o) => o.currency.toUpperCase() === currency.toUpperCase())
    .map((o) => o.priceMinor);
  if (prices.length === 0) return { score: 0.3 };
  const cheapest = Math.min(...prices);
  if (cheapest <= maxMinor) return { score: 1, within: { priceMinor: cheapest, currency } };
  // Dearer than the budget: the score falls with the overshoot, 0 at twice the budget.
  return { score: Math.max(0, 1 - (cheapest - maxMinor) / Math.max(1, maxMinor)) };
}

type PartOfDay = "morning" | "afternoon" | "evening" | "night";

const partOfDay = (hour: number): PartOfDay =>
  hour >= 5 && hour < 12
    ? "morning"
    : hour >= 12 && hour < 18
      ? "afternoon"
      : hour >= 18 && hour < 23
        ? "evening"
        : "night";

const weekdayIndex: Record<string, number> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};

// Building an Intl.DateTimeFormat costs far more than using one: one per time zone.
const weekdayHourFormats = new Map<string, Intl.DateTimeFormat>();

function localWeekdayAndHour(instant: Date, timeZone: string): { weekday: number; hour: number } {
  let format = weekdayHourFormats.get(timeZone);
  if (!format) {
    const options = { weekday: "short", hour: "numeric", hourCycle: "h23" } as const;
    try {
      format = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
    } catch {
      // An unknown zone from the request must not fail the whole ranking: read it as UTC.
      format = new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
    }
    weekdayHourFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const weekday = weekdayIndex[parts.find((p) => p.type === "weekday")?.value ?? "Sun"] ?? 0;
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  return { weekday, hour };
}

function availabilityFact(request: MatchRequest, candidate: MatchCandidate) {
  if (!candidate.freeSlots) return { score: request.when ? 0.3 : 0.5 };
  const from = request.when ? Date.parse(request.when.from) : Number.NEGATIVE_INFINITY;
  const to = request.when ? Date.parse(request.when.to) : Number.POSITIVE_INFINITY;
  const slots = candidate.freeSlots
    .map((slot) => new Date(slot))
    .filter((d) => !Number.isNaN(d.getTime()) && d.getTime() >= from && d.getTime() < to);
  if (slots.length === 0) return { score: 0, count: 0 };
  const counts = new Map<string, number>();
  for (const slot of slots) {
    const { weekday, hour } = localWeekdayAndHour(slot, request.when?.timeZone ?? request.timeZone);
    const key = `${weekday}:${partOfDay(hour)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [weekday, part] = (best?.[0] ?? "0:morning").split(":") as [string, PartOfDay];
  // Three slots or more in the window is as good as it gets.
  return {
    score: Math.min(1, slots.length / 3),
    count: slots.length,
    when: { weekday: Number(weekday), part },
  };
}

type PreparedText = { wanted: Set<string>; requestText: string };

/** The request's words, computed once per request, not once per candidate. */
function prepareText(request: MatchRequest): PreparedText {
  return {
    wanted: new Set(tokens(request.text).map(stem)),
    requestText: ` ${fold(request.text)} `,
  };
}

function textFact(prepared: PreparedText, candidate: MatchCandidate) {
  const { wanted, requestText } = prepared;
  const mentions = (phrase: string) => {
    const words = tokens(phrase).map(stem);
    return words.length > 0 && words.every((w) => wanted.has(w));
  };
  const matchedSkills = candidate.skills.filter(
    (skill) => mentions(skill) || requestText.includes(` ${fold(skill)} `),
  );
  const matchedOfferings = candidate.offerings
    .map((o) => o.title)
    .filter((title) => mentions(title));
  const document = new Set(
    tokens(
      [
        candidate.headline,
        candidate.bio,
        ...candidate.skills,
        ...candidate.offerings.flatMap((o) => [o.title, o.description]),
      ].join(" "),
    ).map(stem),
  );
  let hits = 0;
  for (const word of wanted) if (document.has(word)) hits += 1;
  const overlap = wanted.size === 0 ? 0 : hits / wanted.size;
  // A named skill is the strongest signal a short request carries.
  const lexical = Math.min(1, overlap * 0.7 + Math.min(matchedSkills.length, 2) * 0.15);
  const score =
    candidate.prescore === undefined ? lexical : 0.6 * clamp(candidate.prescore) + 0.4 * lexical;
  return { score, matchedSkills, matchedOfferings };
}

export function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/**
 * `similarity`: a semantic similarity of request and profile (cosine of embeddings, 0..1) when
 * the provider has one; it counts for half of the text relevance.
 */
export function scoreCandidate(
  request: MatchRequest,
  candidate: MatchCandidate,
  similarity?: number,
  prepared: PreparedText = prepareText(request),
): ScoredCandidate {
  const lexical = textFact(prepared, candidate);
  const text =
    similarity === undefined
      ? lexical
      : { ...lexical, score: 0.5 * lexical.score + 0.5 * clamp(similarity) };
  const language = languageFact(request, candidate);
  const budget = budgetFact(request, candidate);
  const availability = availabilityFact(request, candidate);
  let score =
    matchWeights.text * text.score +
    matchWeights.language * language.score +
    matchWeights.budget * budget.score +
    matchWeights.availability * availability.score;
  // A mentor who speaks none of the mentee's languages cannot mentor them, however good.
  if (request.languages.length > 0 && language.score === 0) score *= 0.3;
  return {
    candidate,
    score: clamp(score),
    facts: {
      text: text.score,
      language: language.score,
      budget: budget.score,
      availability: availability.score,
      sharedLanguage: language.shared,
      matchedSkills: text.matchedSkills,
      matchedOfferings: text.matchedOfferings,
      withinBudget: budget.within,
      freeWhen: availability.when,
      freeSlotCount: availability.count,
    },
  };
}

/** Best first; ties broken by mentor id so the order is stable. */
export function rankCandidates(
  request: MatchRequest,
  candidates: readonly MatchCandidate[],
  similarity?: (candidate: MatchCandidate) => number | undefined,
): ScoredCandidate[] {
  const prepared = prepareText(request);
  const seen = new Set<string>();
  const unique = candidates.filter((c) => !seen.has(c.mentorId) && seen.add(c.mentorId));
  return unique
    .map((candidate) => scoreCandidate(request, candidate, similarity?.(candidate), prepared))
    .sort((a, b) => b.score - a.score || a.candidate.mentorId.localeCompare(b.candidate.mentorId));
}

export type ExplanationLocale = "en" | "fr";

export function explanationLocale(request: MatchRequest): ExplanationLocale {
  return request.languages[0] && baseLanguage(request.languages[0]) === "fr" ? "fr" : "en";
}

const partNames = {
  en: { morning: "mornings", afternoon: "afternoons", evening: "evenings", night: "nights" },
  fr: { morning: "matin", afternoon: "après-midi", evening: "soir", night: "nuit" },
} as const;

function list(locale: ExplanationLocale, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

/** One sentence naming the facts that matched, in the mentee's language (en or fr). */
export function explain(
  scored: ScoredCandidate,
  request: MatchRequest,
  locale = explanationLocale(request),
): string {
  const { facts } = scored;
  const parts: string[] = [];
  if (facts.sharedLanguage) {
    const name =
      new Intl.DisplayNames([locale], { type: "language" }).of(facts.sharedLanguage) ??
      facts.sharedLanguage;
    parts.push(locale === "fr" ? `parle ${name}` : `speaks ${name}`);
  }
  if (facts.freeWhen) {
    // 2023-01-01 was a Sunday: weekday n is 2023-01-(n+1), named in the locale.
    const day = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2023, 0, 1 + facts.freeWhen.weekday, 12)),
    );
    parts.push(
      locale === "fr"
        ? `disponible le ${day} ${partNames.fr[facts.freeWhen.part]}`
        : `free on ${day} ${partNames.en[facts.freeWhen.part]}`,
    );
  }
  const skills = facts.matchedSkills.slice(0, 3);
  if (skills.length > 0)
    parts.push(
      locale === "fr" ? `maîtrise ${list(locale, skills)}` : `knows ${list(locale, skills)}`,
    );
  const [offering] = facts.matchedOfferings;
  if (offering) parts.push(locale === "fr" ? `propose « ${offering} »` : `offers "${offering}"`);
  if (facts.withinBudget) {
    const format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: facts.withinBudget.currency,
    });
    // Minor units: cents for EUR, none for JPY.
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    const price = format.format(facts.withinBudget.priceMinor / 10 ** digits);
    parts.push(
      locale === "fr" ? `dans votre budget (dès ${price})` : `within your budget (from ${price})`,
    );
  }
  if (parts.length === 0) {
    return locale === "fr" ? "Profil proche de votre demande." : "A profile close to your request.";
  }
  const sentence = list(locale, parts);
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

export function matchLocally(
  request: MatchRequest,
  candidates: readonly MatchCandidate[],
  limit: number,
): MatchedMentor[] {
  return rankCandidates(request, candidates)
    .slice(0, Math.max(0, Math.floor(limit)))
    .map((scored) => ({
      mentorId: scored.candidate.mentorId,
      score: scored.score,
      explanation: explain(scored, request),
    }));
}
