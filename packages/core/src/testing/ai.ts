import type {
  MatchCandidate,
  MatchedMentor,
  MatchRequest,
  ModerationResult,
  ModerationVerdict,
} from "@mentora/ai";
import type { App } from "../app/index.ts";
import { eventDeliverJob } from "../app/job-handlers.ts";
import type { AiProviders } from "../moderation/index.ts";

/**
 * A test double of the AI contracts (core tests decide the verdict; the real providers have
 * their own conformance suite in @mentora/ai). Text containing `[block]` or `[review]` gets that
 * verdict; an image's verdict is `imageVerdict`. Matching ranks by the caller's prescore, plus
 * one for a shared language, and names both in the explanation. `calls` records what was asked.
 */
export function createFakeAi(): AiProviders & {
  imageVerdict: ModerationVerdict;
  calls: { text: string[]; images: number; matches: MatchCandidate[][]; embeds: string[] };
  embeddings: boolean;
} {
  const calls = {
    text: [] as string[],
    images: 0,
    matches: [] as MatchCandidate[][],
    embeds: [] as string[],
  };
  const resultOf = (verdict: ModerationVerdict): ModerationResult => ({
    verdict,
    scores: { solicitation: verdict === "allow" ? 0 : verdict === "review" ? 0.6 : 0.97 },
    reasons:
      verdict === "allow"
        ? []
        : [
            {
              category: "solicitation",
              score: verdict === "review" ? 0.6 : 0.97,
              message: `fake ${verdict}`,
            },
          ],
    provider: "fake",
  });
  const fake = {
    imageVerdict: "allow" as ModerationVerdict,
    embeddings: false,
    calls,
    moderation: {
      id: "fake",
      async moderateText({ text }: { text: string }) {
        calls.text.push(text);
        return resultOf(
          text.includes("[block]") ? "block" : text.includes("[review]") ? "review" : "allow",
        );
      },
      async moderateImage() {
        calls.images += 1;
        return resultOf(fake.imageVerdict);
      },
    },
    matching: {
      id: "fake",
      async match(request: MatchRequest, candidates: readonly MatchCandidate[], limit: number) {
        calls.matches.push([...candidates]);
        return candidates
          .map((candidate): MatchedMentor => {
            const shared = candidate.languages.filter((language) =>
              request.languages.includes(language),
            );
            const score = (candidate.prescore ?? 0) * 0.5 + (shared.length > 0 ? 0.5 : 0);
            return {
              mentorId: candidate.mentorId,
              score,
              explanation: `prescore ${(candidate.prescore ?? 0).toFixed(2)}${shared.length > 0 ? `, speaks ${shared.join(", ")}` : ""}`,
            };
          })
          .sort((a, b) => b.score - a.score || a.mentorId.localeCompare(b.mentorId))
          .slice(0, limit);
      },
      async embed(text: string) {
        if (!fake.embeddings) return null;
        calls.embeds.push(text);
        return [text.length, 1, 0];
      },
    },
  };
  return fake;
}

/** Runs the queued `event.deliver` jobs (and those they cause) the way the worker would. */
export async function runEventDeliveries(app: App): Promise<number> {
  let ran = 0;
  for (;;) {
    const [job] = await app.boss.fetch<Parameters<typeof eventDeliverJob.run>[0]>(
      eventDeliverJob.name,
    );
    if (!job) return ran;
    await eventDeliverJob.run(job.data, app, { jobId: job.id });
    await app.boss.complete(eventDeliverJob.name, job.id);
    ran += 1;
  }
}
