export { completeEndedSessions } from "./complete-ended-sessions.job.ts";
export { completeEndedSessionsQueue } from "./complete-ended-sessions.queue.ts";
export { type CompleteSessionOptions, completeSession } from "./complete-session.ts";
export { earningsReleased, sessionCompleted } from "./events.ts";
export { releaseBookingEarnings } from "./release-earnings.job.ts";
export {
  earningsReleaseDeadLetter,
  earningsReleaseDeadQueue,
  releaseEarningsQueue,
} from "./release-earnings.queue.ts";
