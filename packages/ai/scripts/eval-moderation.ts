/**
 * `pnpm eval:moderation`: precision and recall of the text moderation on the evaluation set
 * (eval/moderation-set.ts), for the local provider, or the openai one with AI_PROVIDER=openai
 * (AI_OPENAI_BASE_URL, AI_OPENAI_API_KEY).
 */
import { evaluateModeration } from "../eval/evaluate-moderation.ts";
import { moderationSet } from "../eval/moderation-set.ts";
import { createAiProviders } from "../src/providers.ts";

const provider = process.env.AI_PROVIDER === "openai" ? "openai" : "local";
const { moderation } = createAiProviders({
  provider,
  openai: { baseUrl: process.env.AI_OPENAI_BASE_URL, apiKey: process.env.AI_OPENAI_API_KEY },
});
const result = await evaluateModeration(moderation, moderationSet);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
process.stdout.write(
  [
    `moderation evaluation (${provider}): ${result.cases} texts`,
    `precision ${percent(result.precision)}, recall ${percent(result.recall)}`,
    ...result.falsePositives.map((f) => `  false positive: ${f.text} — ${f.reasons.join("; ")}`),
    ...result.falseNegatives.map((f) => `  missed: ${f.text}${f.note ? ` (${f.note})` : ""}`),
    "",
  ].join("\n"),
);
