import { readFile } from "node:fs/promises";
import type { App } from "../app/index.ts";

/**
 * CPU ms (user + system) the database's backends have used so far, from /proc (10 ms ticks):
 * for benches that report CPU per call beside wall time (the database is local).
 */
export async function backendsCpuMs(app: Pick<App, "pool">): Promise<number> {
  const { rows } = await app.pool.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
  );
  let total = 0;
  for (const { pid } of rows) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = stat.split(") ")[1]?.split(" ") ?? [];
    total += (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
  }
  return total;
}
