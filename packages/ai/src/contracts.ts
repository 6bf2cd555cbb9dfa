/**
 * The two AI contracts (issue #16). Providers are chosen by configuration like the payment
 * gateways (`AI_PROVIDER=local|openai`); each provider passes the conformance suite of both.
 * Everything crossing a contract is plain data (no SDK types), so core knows only this file.
 */

/** What a moderation verdict means for the product (MODERATION_REVIEW_POLICY decides `review`). */
export type ModerationVerdict = "allow" | "review" | "block";

export const moderationCategories = [
  "sexual",
  "hate",
  "harassment",
  "violence",
  "self-harm",
  "profanity",
  // links to adult platforms, "DM me for private content", paid private shows
  "solicitation",
  // phone numbers, e-mail addresses, messaging handles in a public text
  "contact-details",
  "spam",
] as const;
export type ModerationCategory = (typeof moderationCategories)[number];

export type ModerationReason = {
  category: ModerationCategory;
  /** 0..1, the provider's confidence. */
  score: number;
  /** Said to the author and the admin: what was found, without repeating a slur in full. */
  message: string;
  /** For text: the offending span, [start, end) in UTF-16 code units, when known. */
  span?: readonly [number, number];
};

export type ModerationResult = {
  verdict: ModerationVerdict;
  /** Every category the provider scores, 0..1 (absent: not scored by this provider). */
  scores: Partial<Record<ModerationCategory, number>>;
  /** Why the verdict is not "allow" (empty when it is). */
  reasons: readonly ModerationReason[];
  /** Which provider decided, e.g. "local" or "openai:omni-moderation-latest". */
  provider: string;
};

export type TextModerationInput = {
  text: string;
  /** Where it will be shown: public profile text is stricter about contact details than messages. */
  context: "profile" | "message" | "application" | "review";
  /** BCP 47, e.g. "fr" or "en"; the provider may detect it when absent. */
  language?: string;
};

export type ImageModerationInput = {
  bytes: Uint8Array;
  /** image/jpeg, image/png or image/webp. */
  contentType: string;
  context: "avatar" | "message";
};

export interface ModerationProvider {
  readonly id: string;
  moderateText(input: TextModerationInput, signal?: AbortSignal): Promise<ModerationResult>;
  moderateImage(input: ImageModerationInput, signal?: AbortSignal): Promise<ModerationResult>;
}

/** What a mentee asked for at sign-up (or later from the matching page). */
export type MatchRequest = {
  text: string;
  /** BCP 47 codes the mentee speaks, most preferred first. */
  languages: readonly string[];
  /** Highest price per session the mentee wants to pay, in minor units of `currency`. */
  budget?: { maxMinor: number; currency: string };
  /** When the mentee is free, in their own time zone. */
  when?: { from: string; to: string; timeZone: string };
  /** The mentee's IANA time zone. */
  timeZone: string;
};

export type MatchCandidate = {
  mentorId: string;
  headline: string;
  bio: string;
  skills: readonly string[];
  languages: readonly string[];
  offerings: readonly {
    title: string;
    description: string;
    priceMinor: number;
    currency: string;
  }[];
  /** Free slots' starts in the requested window (ISO instants), when the caller computed them. */
  freeSlots?: readonly string[];
  /** A stored embedding of the mentor's profile (openai provider), when the caller has one. */
  embedding?: readonly number[];
  /** A first score from the caller's SQL (e.g. full-text rank), 0..1, when it has one. */
  prescore?: number;
};

export type MatchedMentor = {
  mentorId: string;
  /** 0..1, higher is better. */
  score: number;
  /** One short sentence naming the matching facts ("speaks French, free on Tuesday evenings"). */
  explanation: string;
};

export interface MatchingProvider {
  readonly id: string;
  /** Ranked best first; at most `limit`; only mentors from `candidates`. */
  match(
    request: MatchRequest,
    candidates: readonly MatchCandidate[],
    limit: number,
    signal?: AbortSignal,
  ): Promise<MatchedMentor[]>;
  /** The embedding of a mentor profile or a request (providers without embeddings return null). */
  embed?(text: string, signal?: AbortSignal): Promise<number[] | null>;
}
