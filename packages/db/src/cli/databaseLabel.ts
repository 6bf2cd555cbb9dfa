import { redactUrl } from "../databaseUrl.ts";
import type { ResolvedDatabase } from "../embedded/index.ts";

export function describeDatabase(database: ResolvedDatabase): string {
  return database.embedded
    ? "the embedded dev database (.data/postgres; set DATABASE_URL to use another)"
    : `DATABASE_URL ${redactUrl(database.url)}`;
}
