import { createApp, createJobRunner, loadConfigOrExit } from "@mentora/core";

/**
 * The pg-boss worker process. On SIGTERM/SIGINT it stops taking jobs, lets running ones finish
 * (up to WORKER_DRAIN_MS), closes its connections and exits 0.
 */
const config = loadConfigOrExit();
if (!config.DATABASE_URL) {
  process.stderr.write(
    "DATABASE_URL is missing: run the worker through `pnpm dev`, or set DATABASE_URL.\n",
  );
  process.exit(1);
}

const app = await createApp({ config, databaseUrl: config.DATABASE_URL, role: "worker" });
const runner = createJobRunner(app);
await runner.start();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.logger.info({ signal }, "draining jobs before exit");
  await runner.stop(config.WORKER_DRAIN_MS);
  await app.close();
  process.exitCode = 0;
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
