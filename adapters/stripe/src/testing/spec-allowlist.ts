/**
 * Request parameters stripe@23 (API 2026-10-28) may send that the 2023-08-16 spec we validate
 * against does not know. Each entry is checked against its own small schema, then taken out of
 * the body before the spec validates the rest: validation is never switched off, and anything
 * not listed here is still "Received unknown parameter".
 *
 * Keep it short and say why each is here. The adapter sends only parameters that exist in the
 * 2023 spec, so nothing needs allowing today; add an entry only when the adapter starts using a
 * newer parameter on purpose.
 */
export interface AllowlistedParameter {
  operationId: string;
  /** Bracket path split in keys, e.g. ["payment_intent_data", "metadata"]. */
  param: readonly string[];
  schema: Record<string, unknown>;
  why: string;
}

export const parametersNewerThanSpec: readonly AllowlistedParameter[] = [];
