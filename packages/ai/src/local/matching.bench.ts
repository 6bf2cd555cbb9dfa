import { test } from "vitest";
import type { MatchCandidate, MatchRequest } from "../contracts.ts";
import { matchLocally } from "./matching.ts";

// What one mentee request costs the local provider once the caller has loaded the candidates:
// at 1k and 10k mentors (the two sizes). Floor: sorting the same candidates by prescore.
const skills = [
  "TypeScript",
  "React",
  "Go",
  "Kubernetes",
  "Product",
  "Design",
  "Data",
  "Python",
  "SQL",
  "UX",
];
const languages = [["fr"], ["en"], ["es"], ["fr", "en"], ["en", "es"]];
function candidates(count: number): MatchCandidate[] {
  return Array.from({ length: count }, (_, i) => ({
    mentorId: `m${i}`,
    headline: `Senior ${skills[i % skills.length]} mentor`,
    bio: `Ten years of ${skills[(i * 3) % skills.length]} and ${skills[(i * 7) % skills.length]}; I review code and coach careers.`,
    skills: [skills[i % skills.length] ?? "", skills[(i + 3) % skills.length] ?? ""],
    languages: languages[i % languages.length] ?? ["en"],
    offerings: [
      {
        title: "Code review",
        description: "One hour",
        priceMinor: 3000 + (i % 10) * 1000,
        currency: "EUR",
      },
    ],
    freeSlots: Array.from({ length: i % 4 }, (_, k) => `2026-12-0${8 + k}T18:30:00Z`),
    prescore: (i % 97) / 97,
  }));
}
const request: MatchRequest = {
  text: "Je cherche une revue de code TypeScript et React",
  languages: ["fr"],
  budget: { maxMinor: 6000, currency: "EUR" },
  when: { from: "2026-12-07T00:00:00Z", to: "2026-12-21T00:00:00Z", timeZone: "Europe/Paris" },
  timeZone: "Europe/Paris",
};
const small = candidates(1_000);
const large = candidates(10_000);

test("local matching, one request", async ({ bench }) => {
  await bench.compare(
    bench("1k mentors", () => {
      matchLocally(request, small, 3);
    }),
    bench("10k mentors", () => {
      matchLocally(request, large, 3);
    }),
    bench("floor: sort 10k by prescore", () => {
      [...large].sort((a, b) => (b.prescore ?? 0) - (a.prescore ?? 0)).slice(0, 3);
    }),
    { iterations: process.env.BENCH_QUICK ? 5 : 10, warmupIterations: 2 },
  );
});
