import type { RealtimeTopic } from "@mentora/core/contracts";

/** One message of the viewer's realtime stream: "the thing `ref` of this topic changed". */
export type RealtimeMessage = { seq: string; topic: RealtimeTopic; ref: string };

/**
 * Calls `onMessage` for every realtime message of these topics addressed to the signed-in viewer
 * (issue #15). Placeholder until the transport lands: pages written against it already work by
 * loader reads; the transport makes them live.
 */
export function useRealtime(
  _topics: readonly RealtimeTopic[],
  _onMessage: (message: RealtimeMessage) => void,
): void {}

/**
 * Re-runs the page's loaders when a message of these topics arrives (only for `ref` when given):
 * the usual way a page becomes live.
 */
export function useRevalidateOn(_topics: readonly RealtimeTopic[], _ref?: string): void {}
