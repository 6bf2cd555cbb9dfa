import { type App, createApp, createLogger, loadConfig } from "@mentora/core";

declare global {
  // One App per process; kept on globalThis so dev HMR re-evaluating this module reuses it.
  var __mentoraServices: Promise<App> | undefined;
}

async function buildServices(): Promise<App> {
  const config = loadConfig();
  if (!config.database.url) {
    throw new Error(
      "DATABASE_URL is not set. Start the web app with `pnpm dev` (it starts the embedded Postgres and sets DATABASE_URL), or set DATABASE_URL yourself.",
    );
  }
  const app = await createApp({
    config,
    databaseUrl: config.database.url,
    role: "web",
    // Adapters resolve from this app's dependencies: a third-party adapter is installed here.
    importPackage: (name) => import(/* @vite-ignore */ name),
  });
  // server.ts closes its HTTP server on SIGTERM/SIGINT; closing the pool and pg-boss lets the
  // process exit right after instead of waiting on idle connections.
  const close = (signal: string) => {
    app.logger.info({ signal }, "closing services");
    app.close().catch((error: unknown) => app.logger.error({ err: error }, "close failed"));
  };
  process.once("SIGTERM", () => close("SIGTERM"));
  process.once("SIGINT", () => close("SIGINT"));
  return app;
}

/** The process's shared services (config, logger, prisma, pg-boss, email, auth). */
export function getServices(): Promise<App> {
  if (!globalThis.__mentoraServices) {
    const pending = buildServices();
    globalThis.__mentoraServices = pending;
    // A failed start (database down) must not be cached: the next request tries again.
    pending.catch((error: unknown) => {
      createLogger({ level: "error", name: "web" }).error(
        { err: error },
        "services failed to start",
      );
      if (globalThis.__mentoraServices === pending) globalThis.__mentoraServices = undefined;
    });
  }
  return globalThis.__mentoraServices;
}

/** The services when they are already up (for logging from synchronous hooks). */
export function peekServices(): Promise<App> | undefined {
  return globalThis.__mentoraServices;
}
