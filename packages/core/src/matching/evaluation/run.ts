import { DateTime } from "luxon";
import type { AppServices } from "../../app/types.ts";
import { matchRequestForm } from "../../contracts/index.ts";
import { rankMentors } from "../match-service.ts";
import { type RequestScore, type Summary, scoreRequest, summarize } from "./metrics.ts";
import type { EvaluationRequest } from "./set.ts";

type Services = Pick<AppServices, "prisma" | "boss" | "config" | "logger" | "ai">;

/** Ranked this deep: nDCG@5 needs five. */
const depth = 5;

export type RequestOutcome = RequestScore & {
  text: string;
  accepted: number[];
  /** The ranked mentors' numbers (mentorN@mentora.test), best first; 0 for a mentor outside the demo directory. */
  ranked: number[];
};

export type EvaluationResult = {
  provider: string;
  overall: Summary;
  byLanguage: Record<string, Summary>;
  outcomes: RequestOutcome[];
};

const mentorNumber = (email: string) => Number(/^mentor(\d+)@mentora\.test$/.exec(email)?.[1] ?? 0);

/** The request's weekly window as the wall times of that weekday next week, in its time zone. */
function windowOf(when: NonNullable<EvaluationRequest["when"]>, timeZone: string, now: Date) {
  const day = DateTime.fromJSDate(now, { zone: timeZone })
    .plus({ weeks: 1 })
    .set({ weekday: when.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7 })
    .toISODate();
  return { from: `${day}T${when.from}`, to: `${day}T${when.to}` };
}

/**
 * Runs each request through the product's ranking (`rankMentors`: eligibility filters, the
 * full-text prescore, free slots, the configured provider) on a database holding the demo data,
 * as `menteeId`, and scores the top five against the mentors a person would accept.
 */
export async function runEvaluation(
  services: Services,
  menteeId: string,
  requests: readonly EvaluationRequest[],
  now: Date = new Date(),
): Promise<EvaluationResult> {
  const mentors = await services.prisma.user.findMany({
    where: { email: { endsWith: "@mentora.test" }, role: "MENTOR" },
    select: { id: true, email: true },
  });
  const numberOf = new Map(mentors.map((m) => [m.id, mentorNumber(m.email)]));
  const outcomes: RequestOutcome[] = [];
  for (const request of requests) {
    const input = matchRequestForm.parse({
      text: request.text,
      languages: request.languages,
      ...(request.budget ? { budget: request.budget } : {}),
      ...(request.when ? { when: windowOf(request.when, request.timeZone, now) } : {}),
    });
    const { kept } = await rankMentors(services, menteeId, input, {
      timeZone: request.timeZone,
      now,
      limit: depth,
    });
    const ranked = kept.map((match) => numberOf.get(match.mentorId) ?? 0);
    const score = scoreRequest(request, ranked.map(String), new Set(request.accept.map(String)));
    outcomes.push({ ...score, text: request.text, accepted: request.accept, ranked });
  }
  const languages = [...new Set(requests.map((request) => request.lang))];
  return {
    provider: services.ai.matching.id,
    overall: summarize(outcomes),
    byLanguage: Object.fromEntries(
      languages.map((lang) => [lang, summarize(outcomes.filter((o) => o.lang === lang))]),
    ),
    outcomes,
  };
}

const fixed = (value: number) => value.toFixed(3);

function summaryRow(label: string, summary: Summary) {
  return `| ${label} | ${summary.requests} | ${fixed(summary.precision3)} | ${fixed(summary.ceiling3)} | ${fixed(summary.ndcg5)} | ${fixed(summary.hit3)} |`;
}

/** The figures as printed by `pnpm eval:matching` and kept in docs/evaluation.md. */
export function renderSummary(result: EvaluationResult): string {
  return [
    "| requests | n | precision@3 | precision@3 ceiling | nDCG@5 | hit@3 |",
    "|---|---:|---:|---:|---:|---:|",
    summaryRow("all", result.overall),
    ...Object.entries(result.byLanguage).map(([lang, summary]) => summaryRow(lang, summary)),
  ].join("\n");
}

export function renderOutcomes(result: EvaluationResult): string {
  return [
    "| id | accepted | ranked (top 5) | P@3 | nDCG@5 |",
    "|---|---|---|---:|---:|",
    ...result.outcomes.map(
      (o) =>
        `| ${o.id} | ${o.accepted.join(", ")} | ${o.ranked.map((n) => (o.accepted.includes(n) ? `**${n}**` : String(n))).join(", ") || "—"} | ${fixed(o.precision3)} | ${fixed(o.ndcg5)} |`,
    ),
  ].join("\n");
}
