import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MatchCandidate, MatchedMentor, MatchRequest } from "../contracts.ts";
import type { AiConformanceHarness } from "./harness.ts";

const offering = (priceMinor: number) => ({
  title: "TypeScript code review",
  description: "An hour reviewing your code together",
  priceMinor,
  currency: "EUR",
});

/** Five mentors alike in skills; they differ by language, price and availability. */
export function conformanceCandidates(): MatchCandidate[] {
  const base = {
    headline: "Senior TypeScript engineer",
    bio: "I review TypeScript and React code and help with career moves.",
    skills: ["TypeScript", "React", "Node.js"],
  };
  return [
    { ...base, mentorId: "m-en-1", languages: ["en"], offerings: [offering(4000)], prescore: 0.8 },
    {
      ...base,
      mentorId: "m-fr",
      languages: ["fr", "en"],
      offerings: [offering(4000)],
      prescore: 0.8,
    },
    { ...base, mentorId: "m-es", languages: ["es"], offerings: [offering(4000)], prescore: 0.8 },
    { ...base, mentorId: "m-en-2", languages: ["en"], offerings: [offering(4000)], prescore: 0.7 },
    {
      ...base,
      mentorId: "m-unrelated",
      headline: "Pastry chef",
      bio: "Croissants and viennoiseries.",
      skills: ["Baking"],
      languages: ["de"],
      offerings: [{ ...offering(9000), title: "Baking class" }],
      prescore: 0.05,
    },
  ];
}

export const frenchRequest: MatchRequest = {
  text: "Je cherche quelqu'un pour relire mon code TypeScript",
  languages: ["fr"],
  budget: { maxMinor: 5000, currency: "EUR" },
  timeZone: "Europe/Paris",
};

function expectWellFormed(
  result: readonly MatchedMentor[],
  candidates: readonly MatchCandidate[],
  limit: number,
) {
  const ids = new Set(candidates.map((c) => c.mentorId));
  expect(result.length).toBeLessThanOrEqual(limit);
  expect(new Set(result.map((r) => r.mentorId)).size).toBe(result.length);
  let previous = Number.POSITIVE_INFINITY;
  for (const entry of result) {
    expect(ids.has(entry.mentorId), entry.mentorId).toBe(true);
    expect(entry.score).toBeGreaterThanOrEqual(0);
    expect(entry.score).toBeLessThanOrEqual(1);
    expect(entry.score).toBeLessThanOrEqual(previous);
    previous = entry.score;
    expect(entry.explanation.trim().length).toBeGreaterThan(0);
  }
}

/** The behaviour every MatchingProvider must have. */
export function runMatchingConformance(
  name: string,
  setup: () => Promise<AiConformanceHarness>,
  options: { remote: boolean },
) {
  describe(`${name}: MatchingProvider conformance`, () => {
    let h: AiConformanceHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h?.close();
    });

    it("a French speaker gets the French-speaking mentor first", async () => {
      const candidates = conformanceCandidates();
      const result = await h.matching.match(frenchRequest, candidates, 3);
      expectWellFormed(result, candidates, 3);
      expect(result[0]?.mentorId).toBe("m-fr");
    });

    it("an English speaker gets an English-speaking mentor first, never the unrelated one", async () => {
      const candidates = conformanceCandidates();
      const request: MatchRequest = {
        ...frenchRequest,
        text: "Review my TypeScript code",
        languages: ["en"],
      };
      const result = await h.matching.match(request, candidates, 5);
      expectWellFormed(result, candidates, 5);
      expect(["m-en-1", "m-fr", "m-en-2"]).toContain(result[0]?.mentorId);
      expect(result.at(-1)?.mentorId).not.toBe("m-en-1");
      expect(result.slice(0, 3).map((r) => r.mentorId)).not.toContain("m-unrelated");
    });

    it("the limit is honoured; a limit of 0 or no candidates gives nothing", async () => {
      const candidates = conformanceCandidates();
      for (const limit of [1, 2, 5, 50]) {
        const result = await h.matching.match(frenchRequest, candidates, limit);
        expectWellFormed(result, candidates, limit);
        expect(result).toHaveLength(Math.min(limit, candidates.length));
      }
      expect(await h.matching.match(frenchRequest, candidates, 0)).toEqual([]);
      expect(await h.matching.match(frenchRequest, [], 3)).toEqual([]);
    });

    it("only candidates come back, each once, even when the input repeats one", async () => {
      const candidates = conformanceCandidates();
      const repeated = [...candidates, ...candidates.slice(0, 2)];
      const result = await h.matching.match(frenchRequest, repeated, 10);
      expectWellFormed(result, candidates, 10);
      expect(result.map((r) => r.mentorId).sort()).toEqual(
        candidates.map((c) => c.mentorId).sort(),
      );
    });

    it("within budget ranks above over budget, all else equal", async () => {
      const [cheap, dear] = [
        { ...conformanceCandidates()[1], mentorId: "m-fr-cheap" },
        { ...conformanceCandidates()[1], mentorId: "m-fr-dear", offerings: [offering(12000)] },
      ] as MatchCandidate[];
      const result = await h.matching.match(
        frenchRequest,
        [dear as MatchCandidate, cheap as MatchCandidate],
        2,
      );
      expect(result.map((r) => r.mentorId)).toEqual(["m-fr-cheap", "m-fr-dear"]);
    });

    it(
      options.remote ? "embeddings: a vector per text" : "no embeddings: embed is absent or null",
      async () => {
        const vector = await h.matching.embed?.("TypeScript code review");
        if (options.remote) {
          expect(Array.isArray(vector)).toBe(true);
          expect(vector?.length).toBeGreaterThan(0);
          expect(vector?.every((v) => Number.isFinite(v))).toBe(true);
        } else {
          expect(vector ?? null).toBeNull();
        }
      },
    );

    for (const failure of options.remote ? (["500", "timeout"] as const) : []) {
      it(`the remote failing (${failure}) falls back to the local ranking, logged`, async () => {
        expect(h.failRemote).toBeDefined();
        h.failRemote?.("chat", failure);
        const candidates = conformanceCandidates();
        const result = await h.matching.match(frenchRequest, candidates, 3);
        expectWellFormed(result, candidates, 3);
        expect(result[0]?.mentorId).toBe("m-fr");
        expect(h.warnings().some((w) => w.includes("local provider answered"))).toBe(true);
      });
    }
  });
}
