import { seedDemoData } from "@mentora/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { createTestApp } from "../../testing/index.ts";
import { hitAt, ndcgAt, precisionAt, scoreRequest, summarize } from "./metrics.ts";
import { runEvaluation } from "./run.ts";
import { evaluationSet } from "./set.ts";

describe("the evaluation's metrics, on hand-computed rankings", () => {
  const relevant = new Set(["b", "e", "x"]);
  const ranked = ["a", "b", "c", "d", "e"];

  it("precision@3 counts the relevant among the first three, over three", () => {
    expect(precisionAt(3, ranked, relevant)).toBeCloseTo(1 / 3, 10);
    expect(precisionAt(3, ["b", "e", "x"], relevant)).toBe(1);
    // Fewer than three ranked still divides by three.
    expect(precisionAt(3, ["b"], relevant)).toBeCloseTo(1 / 3, 10);
  });

  it("nDCG@5: relevant at ranks 2 and 5 of 3 relevant is (1/log2 3 + 1/log2 6) / (1 + 1/log2 3 + 1/2)", () => {
    // 0.6309298 + 0.3868528 = 1.0177826 over 2.1309298 = 0.4776237
    expect(ndcgAt(5, ranked, relevant)).toBeCloseTo(0.4776237, 6);
    expect(ndcgAt(5, ["x", "b", "e", "a", "c"], relevant)).toBe(1);
    expect(ndcgAt(5, ["a", "c", "d"], relevant)).toBe(0);
    // Order matters: the same two hits earlier score higher.
    expect(ndcgAt(5, ["b", "e", "a", "c", "d"], relevant)).toBeGreaterThan(
      ndcgAt(5, ranked, relevant),
    );
  });

  it("hit@3, the precision@3 ceiling and the mean over requests", () => {
    expect(hitAt(3, ranked, relevant)).toBe(1);
    expect(hitAt(3, ["a", "c", "d", "b"], relevant)).toBe(0);
    const one = scoreRequest({ id: "1", lang: "fr" }, ranked, relevant);
    const two = scoreRequest({ id: "2", lang: "en" }, ["q"], new Set(["q"]));
    expect(one.ceiling3).toBe(1);
    expect(two).toMatchObject({ precision3: 1 / 3, ceiling3: 1 / 3, ndcg5: 1, hit3: 1 });
    const summary = summarize([one, two]);
    expect(summary.requests).toBe(2);
    expect(summary.precision3).toBeCloseTo(1 / 3, 10);
    expect(summary.ndcg5).toBeCloseTo((0.4776237 + 1) / 2, 6);
  });
});

describe("the evaluation set, through the product's matching over the demo data", () => {
  let app: App;
  let menteeId: string;

  beforeAll(async () => {
    app = await createTestApp(); // the local provider: no key, no network
    await seedDemoData(app.prisma);
    menteeId = (
      await app.prisma.user.findUniqueOrThrow({ where: { email: "mentee2@mentora.test" } })
    ).id;
  });
  afterAll(() => app?.close());

  it("is 60 requests, 20 per language, each naming demo mentors who speak a language asked for", async () => {
    expect(evaluationSet).toHaveLength(60);
    expect(new Set(evaluationSet.map((r) => r.id)).size).toBe(60);
    for (const lang of ["fr", "en", "es"]) {
      expect(evaluationSet.filter((r) => r.lang === lang)).toHaveLength(20);
    }
    const mentors = await app.prisma.user.findMany({
      where: { role: "MENTOR" },
      select: { email: true, languages: true },
    });
    const languagesOf = new Map(mentors.map((m) => [m.email, m.languages]));
    for (const request of evaluationSet) {
      for (const n of request.accept) {
        const spoken = languagesOf.get(`mentor${n}@mentora.test`);
        expect(spoken, `${request.id}: mentor${n}`).toBeDefined();
        expect(
          spoken?.some((l) => request.languages.includes(l)),
          `${request.id}: mentor${n} speaks none of ${request.languages}`,
        ).toBe(true);
      }
    }
  });

  it("ranks a handful of requests (topic, budget, window, each language) and scores what it ranked", async () => {
    const handful = evaluationSet.filter((r) =>
      ["fr-03", "fr-09", "en-03", "en-18", "es-03", "es-17"].includes(r.id),
    );
    const result = await runEvaluation(app, menteeId, handful);

    expect(result.provider).toBe("local");
    expect(result.outcomes.map((o) => o.id)).toEqual(handful.map((r) => r.id));
    for (const outcome of result.outcomes) {
      const request = handful.find((r) => r.id === outcome.id);
      // Five distinct demo mentors, the mentee never among them.
      expect(outcome.ranked).toHaveLength(5);
      expect(new Set(outcome.ranked).size).toBe(5);
      expect(outcome.ranked.every((n) => n >= 1 && n <= 40)).toBe(true);
      // These requests name a field only one or two demo mentors cover: the first is accepted.
      expect(request?.accept, outcome.id).toContain(outcome.ranked[0]);
      // The scores are the metrics of the ranking returned, not figures from elsewhere.
      const accepted = new Set(outcome.accepted.map(String));
      const ranked = outcome.ranked.map(String);
      expect(outcome.precision3).toBe(precisionAt(3, ranked, accepted));
      expect(outcome.ndcg5).toBe(ndcgAt(5, ranked, accepted));
    }
    expect(result.overall.requests).toBe(6);
    expect(Object.keys(result.byLanguage).sort()).toEqual(["en", "es", "fr"]);
    expect(result.byLanguage.fr?.requests).toBe(2);
  });
});
