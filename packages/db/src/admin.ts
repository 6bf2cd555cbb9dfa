import pg from "pg";
import { databaseNameOf, quoteIdent } from "./databaseUrl.ts";

/** Runs `fn` on a single short-lived connection (CREATE/DROP DATABASE cannot use a pool's). */
export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  // A server-side termination (DROP ... WITH (FORCE) elsewhere) must not crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const result = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  return (result.rowCount ?? 0) > 0;
}

export async function createDatabase(
  client: pg.Client,
  name: string,
  options: { template?: string; strategy?: "WAL_LOG" | "FILE_COPY" } = {},
): Promise<void> {
  const template = options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : "";
  const strategy = options.strategy ? ` STRATEGY ${options.strategy}` : "";
  await client.query(`CREATE DATABASE ${quoteIdent(name)}${template}${strategy}`);
}

/** Drops even with open connections: the database is ours and disposable. */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Creates the database named in `url` if it does not exist yet, connecting to `adminUrl`. */
export async function ensureDatabase(adminUrl: string, url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  return withAdminClient(adminUrl, async (client) => {
    if (await databaseExists(client, name)) return false;
    await createDatabase(client, name);
    return true;
  });
}
