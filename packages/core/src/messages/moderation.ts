import type { ModerationResult, ModerationVerdict } from "@mentora/ai";
import type { AppServices } from "../app/types.ts";

/**
 * The moderation hook point for messages, backed by the configured AI moderation provider
 * (`services.ai.moderation`, issue #16). Called on every send, before the message is stored:
 * - "allow": sent as is;
 * - "review": sent, and put in the admins' report queue (source MODERATION);
 * - "block": refused with MESSAGE_REJECTED, nothing stored.
 * Messages keep their own report queue (/admin/message-reports, decision 035): no moderation case
 * is opened for a message.
 */
export type MessageModerationVerdict = "allow" | "review" | "block";

export interface MessageModerationInput {
  text: string;
  /** Present when the message carries an image (already re-encoded). */
  image?: { bytes: Uint8Array; contentType: "image/webp" };
  senderId: string;
  conversationId: string;
}

export interface MessageModerationResult {
  verdict: MessageModerationVerdict;
  /** Shown to admins with a "review" report. */
  reason?: string;
}

export type ModerateMessage = (input: MessageModerationInput) => Promise<MessageModerationResult>;

const severity: Record<ModerationVerdict, number> = { allow: 0, review: 1, block: 2 };

/**
 * The hook itself: the text (when there is any) and the image (when attached) are checked in the
 * "message" context; the stricter verdict wins, and the reason the admins read names what was
 * found in each.
 */
export async function moderateMessage(
  services: Pick<AppServices, "ai">,
  input: MessageModerationInput,
): Promise<MessageModerationResult> {
  const { moderation } = services.ai;
  const checks: Array<{ part: "text" | "image"; result: ModerationResult }> = [];
  if (input.text.trim()) {
    checks.push({
      part: "text",
      result: await moderation.moderateText({ text: input.text, context: "message" }),
    });
  }
  if (input.image) {
    checks.push({
      part: "image",
      result: await moderation.moderateImage({
        bytes: input.image.bytes,
        contentType: input.image.contentType,
        context: "message",
      }),
    });
  }
  const verdict = checks.reduce<MessageModerationVerdict>(
    (worst, { result }) => (severity[result.verdict] > severity[worst] ? result.verdict : worst),
    "allow",
  );
  if (verdict === "allow") return { verdict };
  const reason = checks
    .filter(({ result }) => result.verdict !== "allow")
    .map(({ part, result }) => {
      const categories = [...new Set(result.reasons.map((r) => r.category))].join(", ");
      return `${part}: ${categories || result.verdict} (${result.provider})`;
    })
    .join("; ");
  return { verdict, reason };
}
