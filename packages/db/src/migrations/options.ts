import type { EngineLog } from "./engineSession.ts";

export type MigrationToolOptions = {
  databaseUrl: string;
  /** Default: `<repo>/prisma/schema.prisma`, resolved from this package, not the cwd. */
  schemaPath?: string;
  /** Default: `<repo>/prisma/migrations`. */
  migrationsDir?: string;
  onEngineLog?: EngineLog;
};
