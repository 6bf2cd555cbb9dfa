import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { invoiceCleanupTempQueue } from "./cleanup-temp.queue.ts";

export const TEMP_MAX_AGE_MS = 24 * 60 * 60_000;

/**
 * Deletes what renders left in the temp folder (a crash between writing and cleaning up) once
 * it is older than `maxAgeMs`, by modification time. Younger entries may belong to a render in
 * progress. Returns the names removed.
 */
export async function cleanupTempDir(
  dir: string,
  now = new Date(),
  maxAgeMs = TEMP_MAX_AGE_MS,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const entry = path.join(dir, name);
    const info = await stat(entry).catch(() => null);
    if (!info || now.getTime() - info.mtimeMs <= maxAgeMs) continue;
    await rm(entry, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Daily: the invoice temp folder loses what is older than 24 h. */
export const invoiceCleanupTempJob = defineHandler(
  invoiceCleanupTempQueue,
  async (_data, services: AppServices) => {
    const removed = await cleanupTempDir(services.config.invoices.tempDir);
    services.logger.info({ removed: removed.length }, "invoice temp folder cleaned");
  },
);
