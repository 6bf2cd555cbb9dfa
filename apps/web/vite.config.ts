import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * better-auth loads the optional peer `@opentelemetry/api` with a guarded dynamic import
 * (no-op tracing when absent). Vite replaces a missing optional peer with an empty stub that
 * "loads" fine and then breaks every auth call (`trace.getTracer` of undefined): keep the import
 * external so it fails at run time, as better-auth expects, or finds the real package.
 */
function keepOptionalPeersExternal(names: string[]): Plugin {
  return {
    name: "mentora:keep-optional-peers-external",
    enforce: "pre",
    resolveId(id) {
      return names.includes(id) ? { id, external: true } : null;
    },
  };
}

/**
 * Payment adapters are loaded at run time (`import(name)` from PAYMENT_GATEWAYS), so Node loads
 * them with their own `@mentora/payment-gateway`. Bundling core's copy into the server build
 * would make a second copy of the contract, and `error instanceof GatewayError` (retries,
 * PAYMENT_REFUSED, a forged webhook's 400) would be false for every adapter's error. The server
 * build imports the contract's own file instead (a path relative to the build), the very module
 * the adapters load: one copy per process.
 */
function shareGatewayContract(): Plugin {
  const contractFiles = new Set<string>();
  return {
    name: "mentora:share-gateway-contract",
    enforce: "pre",
    apply: "build",
    async resolveId(source, importer, options) {
      if (!options.ssr || !/^@mentora\/payment-gateway(\/|$)/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) return null;
      contractFiles.add(resolved.id);
      return { id: resolved.id, external: "absolute" };
    },
    // Absolute paths would tie the build to this checkout's location: relative to each chunk.
    renderChunk(code, chunk, output) {
      if (!output.dir || contractFiles.size === 0) return null;
      const from = path.dirname(path.join(output.dir, chunk.fileName));
      let next = code;
      for (const file of contractFiles) {
        let relative = path.relative(from, file).split(path.sep).join("/");
        if (!relative.startsWith(".")) relative = `./${relative}`;
        for (const quote of ['"', "'"]) {
          next = next.replaceAll(`${quote}${file}${quote}`, `${quote}${relative}${quote}`);
        }
      }
      return next === code ? null : { code: next, map: null };
    },
  };
}

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(import.meta.dirname, "app"),
    },
  },
  // A cold dev cache would otherwise reload the first page once these are discovered.
  optimizeDeps: {
    exclude: ["@remix-run/node", "pg"],
    // Found only when a route is first visited: listing them spares a full reload in dev.
    include: ["@trpc/client", "@trpc/server", "@trpc/server/http", "superjson", "zod"],
  },
  server: { port: 3000 },
  plugins: [
    keepOptionalPeersExternal(["@opentelemetry/api"]),
    shareGatewayContract(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
});
