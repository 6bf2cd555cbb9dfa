export { retentionConfig } from "./config.ts";
export { retentionQueue } from "./retention.queue.ts";
