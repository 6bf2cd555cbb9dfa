export type { AiConformanceHarness, RemoteFailure } from "./harness.ts";
export {
  conformanceCandidates,
  frenchRequest,
  runMatchingConformance,
} from "./run-matching-conformance.ts";
export { runModerationConformance } from "./run-moderation-conformance.ts";
