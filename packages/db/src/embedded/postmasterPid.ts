import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { DbToolError } from "../errors.ts";
import { embeddedUrl } from "./credentials.ts";

type PostmasterLock = { pid: number; port: number | undefined };

/** postmaster.pid: line 1 is the PID, line 4 the port (see PostgreSQL's pidfile.h). */
function readLock(dataDir: string): PostmasterLock | undefined {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  return { pid: Number.isNaN(pid) ? 0 : pid, port: Number.isNaN(port) ? undefined : port };
}

/**
 * True when `pid` is a running postgres. Checking the command line matters after a reboot or
 * in a container, where the old PID may now belong to an unrelated process: Postgres itself
 * would then refuse to start ("lock file already exists").
 */
function isPostgresProcess(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true; // no procfs (macOS): trust kill(pid, 0)
  try {
    return readFileSync(cmdline, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

/**
 * Removes the lock file a crashed run left behind; explains in one line when a live postgres
 * still owns the data directory.
 */
export function clearStaleLock(dataDir: string): { removedStaleLock: boolean } {
  const lock = readLock(dataDir);
  if (!lock) return { removedStaleLock: false };
  if (isPostgresProcess(lock.pid)) {
    const reuse = lock.port
      ? `, or reuse it with DATABASE_URL=${embeddedUrl(lock.port, "mentora")}`
      : "";
    throw new DbToolError(
      `Postgres is already running on ${dataDir} (pid ${lock.pid}), probably started by another Mentora command: stop that command (or \`kill ${lock.pid}\`)${reuse}`,
    );
  }
  rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
  return { removedStaleLock: true };
}
