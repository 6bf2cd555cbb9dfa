import { describe, expect, it } from "vitest";
import type { MatchCandidate, MatchRequest } from "../contracts.ts";
import { matchLocally, rankCandidates } from "./matching.ts";

const mentor = (over: Partial<MatchCandidate> & { mentorId: string }): MatchCandidate => ({
  headline: "Engineer",
  bio: "",
  skills: [],
  languages: ["en"],
  offerings: [{ title: "Session", description: "", priceMinor: 5000, currency: "EUR" }],
  ...over,
});

// Tuesdays 2026-12-08 and 2026-12-15 at 18:30 UTC: 19:30 in Paris, 13:30 in New York.
const tuesdayEvenings = ["2026-12-08T18:30:00Z", "2026-12-15T18:30:00Z"];
const window = { from: "2026-12-07T00:00:00Z", to: "2026-12-21T00:00:00Z" };

describe("local matching", () => {
  it("explains the matching facts in French for a French speaker", () => {
    const request: MatchRequest = {
      text: "Je veux progresser en TypeScript et une revue de code",
      languages: ["fr", "en"],
      budget: { maxMinor: 6000, currency: "EUR" },
      when: { ...window, timeZone: "Europe/Paris" },
      timeZone: "Europe/Paris",
    };
    const [best] = matchLocally(
      request,
      [
        mentor({
          mentorId: "m1",
          languages: ["fr"],
          skills: ["TypeScript", "Go"],
          freeSlots: tuesdayEvenings,
          offerings: [
            { title: "Revue de code", description: "", priceMinor: 4500, currency: "EUR" },
          ],
        }),
      ],
      1,
    );
    expect(best?.explanation).toBe(
      "Parle français, disponible le mardi soir, maîtrise TypeScript, propose « Revue de code » et dans votre budget (dès 45,00\u00a0€).",
    );
  });

  it("explains in English, with the weekday and part of day in the mentee's time zone", () => {
    const request: MatchRequest = {
      text: "Help me with React",
      languages: ["en"],
      when: { ...window, timeZone: "America/New_York" },
      timeZone: "America/New_York",
    };
    const [best] = matchLocally(
      request,
      [mentor({ mentorId: "m1", skills: ["React"], freeSlots: tuesdayEvenings })],
      1,
    );
    expect(best?.explanation).toBe("Speaks English, free on Tuesday afternoons, and knows React.");
  });

  it("free slots outside the requested window do not count", () => {
    const request: MatchRequest = {
      text: "React",
      languages: ["en"],
      when: { from: "2027-01-01T00:00:00Z", to: "2027-01-08T00:00:00Z", timeZone: "UTC" },
      timeZone: "UTC",
    };
    const [scored] = rankCandidates(request, [
      mentor({ mentorId: "m1", freeSlots: tuesdayEvenings }),
    ]);
    expect(scored?.facts.availability).toBe(0);
    expect(scored?.facts.freeWhen).toBeUndefined();
  });

  it("availability, budget and the caller's prescore each move a mentor up", () => {
    const request: MatchRequest = {
      text: "data engineering",
      languages: ["en"],
      budget: { maxMinor: 5000, currency: "EUR" },
      when: { ...window, timeZone: "UTC" },
      timeZone: "UTC",
    };
    const ids = (candidates: MatchCandidate[]) =>
      matchLocally(request, candidates, 2).map((m) => m.mentorId);
    expect(
      ids([
        mentor({ mentorId: "busy", freeSlots: [] }),
        mentor({ mentorId: "free", freeSlots: tuesdayEvenings }),
      ]),
    ).toEqual(["free", "busy"]);
    const dear = [{ title: "S", description: "", priceMinor: 9000, currency: "EUR" }];
    expect(
      ids([mentor({ mentorId: "dear", offerings: dear }), mentor({ mentorId: "cheap" })]),
    ).toEqual(["cheap", "dear"]);
    expect(
      ids([
        mentor({ mentorId: "low", prescore: 0.1 }),
        mentor({ mentorId: "high", prescore: 0.9 }),
      ]),
    ).toEqual(["high", "low"]);
  });

  it("a mentor speaking none of the mentee's languages falls below one who does", () => {
    const request: MatchRequest = {
      text: "Kubernetes",
      languages: ["es"],
      timeZone: "Europe/Madrid",
    };
    const result = matchLocally(
      request,
      [
        mentor({ mentorId: "expert-en", skills: ["Kubernetes"], prescore: 1 }),
        mentor({ mentorId: "es", languages: ["es-MX"], prescore: 0.2 }),
      ],
      2,
    );
    expect(result.map((m) => m.mentorId)).toEqual(["es", "expert-en"]);
  });
});
