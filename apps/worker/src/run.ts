import { createApp, createJobRunner, jobHandlers, loadConfigOrExit } from "@mentora/core";
import { startMetricsServer } from "./metrics-server.ts";

/**
 * The pg-boss worker process. On SIGTERM/SIGINT it stops taking jobs, lets running ones finish
 * (up to WORKER_DRAIN_MS), closes its connections and exits 0.
 */
const config = loadConfigOrExit();
// The start's timeline in ms since the process began, logged at debug level (decision 066).
const timeline: Record<string, number> = { configLoaded: Math.round(performance.now()) };
if (!config.database.url) {
  process.stderr.write(
    "DATABASE_URL is missing: run the worker through `pnpm dev`, or set DATABASE_URL.\n",
  );
  process.exit(1);
}

const app = await createApp({
  config,
  databaseUrl: config.database.url,
  role: "worker",
  // Adapters resolve from this app's dependencies: a third-party adapter is installed here.
  importPackage: (name) => import(name),
});
timeline.servicesReady = Math.round(performance.now());
const runner = createJobRunner(app, jobHandlers);
await runner.start();
timeline.jobsStarted = Math.round(performance.now());
app.logger.debug({ timeline }, "worker start timeline");
const metricsServer = config.worker.metricsPort
  ? await startMetricsServer(app, config.worker.metricsPort)
  : undefined;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.logger.info({ signal }, "draining jobs before exit");
  metricsServer?.close();
  await runner.stop(config.worker.drainMs);
  await app.close();
  process.exitCode = 0;
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
