import type OpenAI from "openai";
import type {
  ModerationCategory,
  ModerationProvider,
  ModerationResult,
  ModerationVerdict,
} from "../contracts.ts";
import { acceptedImageTypes, ImageModerationError } from "../local/image-moderation.ts";
import { maxModeratedTextLength } from "../local/text-moderation.ts";
import { combineFindings, type Finding, stricter } from "../local/verdict.ts";
import type { AiLogger } from "../options.ts";
import { withFallback } from "./fallback.ts";

/** The endpoint's categories, folded into ours. */
const categoryMap: Record<string, ModerationCategory> = {
  sexual: "sexual",
  "sexual/minors": "sexual",
  hate: "hate",
  "hate/threatening": "hate",
  harassment: "harassment",
  "harassment/threatening": "harassment",
  violence: "violence",
  "violence/graphic": "violence",
  "self-harm": "self-harm",
  "self-harm/intent": "self-harm",
  "self-harm/instructions": "self-harm",
};

/** On the endpoint's scores: sure enough to block, or worth a human look. */
export const openAiThresholds = { block: 0.8, review: 0.4, minorsBlock: 0.2 } as const;

const labels: Record<string, string> = {
  sexual: "Sexual content",
  "sexual/minors": "Sexual content involving minors",
  hate: "Hateful content",
  "hate/threatening": "Hateful threats",
  harassment: "Harassment",
  "harassment/threatening": "Threats",
  violence: "Violent content",
  "violence/graphic": "Graphic violence",
  "self-harm": "Self-harm",
  "self-harm/intent": "Self-harm intent",
  "self-harm/instructions": "Self-harm instructions",
};

export function mapOpenAiModeration(result: OpenAI.Moderation, provider: string): ModerationResult {
  const findings: Finding[] = [];
  const scores = result.category_scores as unknown as Record<string, number>;
  const flagged = result.categories as unknown as Record<string, boolean | null>;
  for (const [name, category] of Object.entries(categoryMap)) {
    const raw = scores[name];
    if (typeof raw !== "number" || !Number.isFinite(raw)) continue;
    // A compatible server is not always a careful one: scores are read as 0..1.
    const score = Math.min(1, Math.max(0, raw));
    const blockAt =
      name === "sexual/minors" ? openAiThresholds.minorsBlock : openAiThresholds.block;
    const verdict: ModerationVerdict =
      score >= blockAt
        ? "block"
        : flagged[name] || score >= openAiThresholds.review
          ? "review"
          : "allow";
    findings.push({ category, verdict, score, message: labels[name] ?? name });
  }
  return combineFindings(findings, provider, []);
}

/** The local rules still apply (contact details, adult platforms): the stricter verdict wins. */
function merge(remote: ModerationResult, local: ModerationResult): ModerationResult {
  const scores = { ...local.scores };
  for (const [category, score] of Object.entries(remote.scores) as [ModerationCategory, number][]) {
    scores[category] = Math.max(scores[category] ?? 0, score);
  }
  return {
    verdict: stricter(remote.verdict, local.verdict),
    scores,
    reasons: [...remote.reasons, ...local.reasons],
    provider: `${remote.provider}+local-rules`,
  };
}

/** Re-encoded small: less to upload, and the EXIF (GPS) of an avatar never leaves the server. */
async function toDataUrl(bytes: Uint8Array, contentType: string): Promise<string> {
  if (!(acceptedImageTypes as readonly string[]).includes(contentType)) {
    throw new ImageModerationError("unsupported-type", `Unsupported image type: ${contentType}`);
  }
  try {
    const { default: sharp } = await import("sharp");
    const jpeg = await sharp(bytes, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(512, 512, { fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 85 })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
  } catch (error) {
    throw new ImageModerationError(
      "undecodable-image",
      `The image could not be decoded: ${(error as Error).message}`,
    );
  }
}

export function createOpenAiModeration(deps: {
  client: () => Promise<OpenAI>;
  model: string;
  local: ModerationProvider;
  logger: AiLogger;
  fallback: boolean;
}): ModerationProvider {
  const { client, model, local, logger, fallback } = deps;
  const provider = `openai:${model}`;
  return {
    id: "openai",
    async moderateText(input, signal) {
      const localResult = await local.moderateText(input, signal);
      return withFallback(
        "moderateText",
        async () => {
          const response = await (await client()).moderations.create(
            { model, input: input.text.slice(0, maxModeratedTextLength) },
            { signal },
          );
          const [first] = response.results;
          if (!first) throw new Error("The moderation endpoint returned no result");
          return merge(mapOpenAiModeration(first, provider), localResult);
        },
        async () => localResult,
        { logger, fallback, signal },
      );
    },
    async moderateImage(input, signal) {
      // Bad bytes are the caller's error, not the remote's: no fallback for them.
      const url = await toDataUrl(input.bytes, input.contentType);
      return withFallback(
        "moderateImage",
        async () => {
          const response = await (await client()).moderations.create(
            { model, input: [{ type: "image_url", image_url: { url } }] },
            { signal },
          );
          const [first] = response.results;
          if (!first) throw new Error("The moderation endpoint returned no result");
          return mapOpenAiModeration(first, provider);
        },
        () => local.moderateImage(input, signal),
        { logger, fallback, signal },
      );
    },
  };
}
