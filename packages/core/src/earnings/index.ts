export { completeEndedSessions, completeEndedSessionsJob } from "./complete-ended-sessions.job.ts";
export { type CompleteSessionOptions, completeSession } from "./complete-session.ts";
export { earningsReleased, sessionCompleted } from "./events.ts";
export {
  earningsReleaseDeadJob,
  releaseBookingEarnings,
  releaseEarningsJob,
} from "./release-earnings.job.ts";
