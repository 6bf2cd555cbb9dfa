export type { ReadyMessage } from "./protocol.ts";
export { type ResolvedDatabase, resolveDatabase } from "./resolveDatabase.ts";
export {
  type RunningPostgres,
  type StartEmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from "./startEmbeddedPostgres.ts";
