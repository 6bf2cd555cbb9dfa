/**
 * Realtime (issue #15): a person's stream of "this changed" messages, written in the causing
 * transaction and fanned out to every web process through Postgres LISTEN/NOTIFY.
 */
export { publishRealtime, type RealtimePublication, realtimeChannel } from "./publish.ts";
export { type RealtimeTopic, realtimeTopics } from "./topics.ts";
