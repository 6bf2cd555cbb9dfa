import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
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
 * external so it finds the real package at run time (a dependency of this app: core's spans and
 * log trace ids use it too, and the tracing preload registers the SDK behind it).
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

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(import.meta.dirname, "app"),
    },
  },
  // A cold dev cache would otherwise reload the first page once these are discovered.
  optimizeDeps: {
    // Server-only packages reached through `*.server.ts` imports: never bundled for the browser,
    // and optimizing them on first visit would reload the page.
    exclude: ["@remix-run/node", "pg", "pg-boss"],
    // Found only when a route is first visited: listing them spares a full reload in dev.
    include: ["@trpc/client", "@trpc/server", "@trpc/server/http", "superjson", "zod"],
  },
  server: { port: 3000 },
  // sharp finds its native binary (@img/sharp-<platform>) with require() from its own folder:
  // bundled, it would look beside the build, where a production install has nothing (tests
  // only passed thanks to the NODE_PATH pnpm's bin shims set). Imported from node_modules.
  // prom-client loads perf_hooks with a guarded require(): bundled into the ESM server build
  // that require is missing and the GC metrics silently disappear. Node loads it as it is.
  // The local AI provider's image classifier: messages' images are now moderated in the worker
  // (message.moderate-attachment), but @mentora/ai's local provider, which the web process builds
  // for text moderation, still holds the classifier's dynamic import(), so vite still meets it.
  // tfjs requires Node built-ins with require() and finds its .wasm files and nsfwjs its weights
  // beside their own modules, none of which survives bundling. Imported from node_modules.
  // radix-ui re-exports all of its ~55 primitives: imported from node_modules it loaded every
  // one at start (the largest single package of the web's cold start); bundled, the unused ones
  // are shaken out (its sideEffects is false). Decision 059.
  ssr: {
    noExternal: ["radix-ui", /^@radix-ui\//],
    external: [
      "sharp",
      "prom-client",
      "@tensorflow/tfjs",
      "@tensorflow/tfjs-backend-wasm",
      "nsfwjs",
    ],
  },
  plugins: [
    keepOptionalPeersExternal(["@opentelemetry/api"]),
    tailwindcss(),
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
