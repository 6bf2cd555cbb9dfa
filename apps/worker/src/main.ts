import { createApp, createJobRunner, jobHandlers, loadConfigOrExit } from "@mentora/core";
import { startMetricsServer } from "./metrics-server.ts";

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

const app = await createApp({
  config,
  databaseUrl: config.DATABASE_URL,
  role: "worker",
  // Adapters resolve from this app's dependencies: a third-party adapter is installed here.
  importPackage: (name) => import(name),
});
const runner = createJobRunner(app, jobHandlers);
await runner.start();
const metricsServer = config.WORKER_METRICS_PORT
  ? await startMetricsServer(app, config.WORKER_METRICS_PORT)
  : undefined;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.logger.info({ signal }, "draining jobs before exit");
  metricsServer?.close();
  await runner.stop(config.WORKER_DRAIN_MS);
  await app.close();
  process.exitCode = 0;
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
