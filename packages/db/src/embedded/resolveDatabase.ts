import { ensureDatabase } from "../admin.ts";
import { withDatabase } from "../databaseUrl.ts";
import { devDataDir } from "../paths.ts";
import { startEmbeddedPostgres } from "./startEmbeddedPostgres.ts";

export type ResolvedDatabase = {
  url: string;
  /** Stops the embedded cluster; does nothing for an external DATABASE_URL. */
  stop(): Promise<void>;
  embedded: boolean;
};

/**
 * The database for dev commands: DATABASE_URL when set, else the persistent dev cluster under
 * `<repo>/.data/postgres` (started now, initdb on first use) with its `mentora` database.
 */
export async function resolveDatabase(
  options: { env?: NodeJS.ProcessEnv; database?: string } = {},
): Promise<ResolvedDatabase> {
  const external = (options.env ?? process.env).DATABASE_URL;
  if (external) return { url: external, stop: async () => {}, embedded: false };

  const cluster = await startEmbeddedPostgres({ dataDir: devDataDir, persistent: true });
  const url = withDatabase(cluster.url, options.database ?? "mentora");
  try {
    await ensureDatabase(cluster.url, url);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { url, stop: cluster.stop, embedded: true };
}
