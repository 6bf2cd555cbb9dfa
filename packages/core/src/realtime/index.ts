/**
 * Realtime (issue #15): a person's stream of "this changed" messages, written in the causing
 * transaction and fanned out to every web process through Postgres LISTEN/NOTIFY.
 */

export { admitRealtimeStream, realtimeStreamPath } from "./admission.ts";
export { realtimeConfig } from "./config.ts";
export { createRealtimeHub, type RealtimeHub, StreamHandle } from "./hub.ts";
export { startListener } from "./listener.ts";
export { publishRealtime, type RealtimePublication, realtimeChannel } from "./publish.ts";
export {
  backlogCap,
  lateCommitWindowSeconds,
  type RealtimeEvent,
  realtimeStream,
} from "./stream.ts";
export { type RealtimeTopic, realtimeTopics } from "./topics.ts";
