/**
 * The floor for the tRPC-through-Remix benchmark: the same router and the same context
 * (session lookup included) on tRPC's fetch adapter behind a bare node:http server, with no
 * Express, no middleware and no Remix. Started by web-load.bench.ts with the web server's env.
 */
import http from "node:http";
import { appRouter, createApp, createContext, loadConfig } from "@mentora/core";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

const config = loadConfig();
const services = await createApp({
  config,
  databaseUrl: config.database.url ?? "",
  role: "web",
  importPackage: (name) => import(/* @vite-ignore */ name),
});

const server = http.createServer(async (req, res) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
    method: req.method ?? "GET",
    headers,
  });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: ({ req: fetchRequest, resHeaders }) =>
      createContext({
        services,
        headers: fetchRequest.headers,
        resHeaders,
        clientAddress: req.socket.remoteAddress ?? null,
      }),
  });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(config.app.port);
process.on("SIGTERM", () => {
  server.close();
  services.close().finally(() => process.exit(0));
});
