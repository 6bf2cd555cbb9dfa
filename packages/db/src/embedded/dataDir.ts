import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { DbToolError } from "../errors.ts";

export function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/** initdb refuses a non-empty directory; say which one and what to do instead of its error. */
export function assertUsableDataDir(dataDir: string): void {
  if (!existsSync(dataDir) || isInitialised(dataDir)) return;
  if (readdirSync(dataDir).length > 0) {
    throw new DbToolError(
      `${dataDir} exists but is not a Postgres data directory (no PG_VERSION; an interrupted initdb?): delete it and run again`,
    );
  }
}

/**
 * As root, Postgres runs as the OS user "postgres", which must be able to enter every parent of
 * the data directory; /root is 0700, so a checkout under /root cannot hold the data directory.
 */
export function assertTraversableByPostgres(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  let dir = path.dirname(path.resolve(dataDir));
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new DbToolError(
        `Postgres runs as OS user "postgres" when started by root, and that user cannot enter ${dir} (mode ${(statSync(dir).mode & 0o777).toString(8)}): put the data directory elsewhere or chmod o+x ${dir}`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
