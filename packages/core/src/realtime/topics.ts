// The topic list is client-safe (pages filter on it): it lives with the contracts.
export { type RealtimeTopic, realtimeTopics } from "../contracts/index.ts";
