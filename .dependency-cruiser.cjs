// The architecture rules of issue #13, checked by `pnpm check` (decision 025, docs/architecture.md
// "Layout"). Run alone: `pnpm arch:check` (scripts/arch/check.ts), which adds the cycle rule:
// no runtime import cycle anywhere, type-only imports not counted. It is computed there over this
// cruise's graph because dependency-cruiser's `circular` + `viaOnly` judges only the first cycle
// path it finds per import and so misses runtime cycles that also have a type-only path.

// Folders of packages/core/src that are infrastructure, not domains: any code in core may import
// their files directly. Their index.ts files compose every domain (trpc/router, jobs' list,
// app/create-app), so a domain reaching them through index.ts would close a cycle. The list is
// shared with the front-door codemod (scripts/arch/front-doors.ts).
const layout = require("./scripts/arch/layout.json");
const INFRA = layout.infrastructure;
// The router compositions (trpc/, admin/router.ts): the only importers of other domains' routers.
const ROUTER_MOUNTS = layout.routerMounts;
// The worker's handler map (app/job-handlers.ts): the only importer of other domains' `*.job.ts`
// handlers (decision 020); everything else sends jobs through the `*.queue.ts` contracts.
const HANDLER_MAPS = layout.handlerMaps.map((file) => `^packages/core/src/${file}$`);
// The configuration's composition: it imports each domain's config.ts slice directly (light:
// zod and the slice's own parsing), never a front door (decision 066).
const CONFIG_SCHEMA = "^packages/core/src/config/schema\\.ts$";

// The packages core may depend on (apps → core → these). files/email/telemetry are being moved
// out of core into packages of their own (issue #13, infra slice).
const CORE_MAY_USE = [
  "ai",
  "db",
  "payment-gateway",
  "invoice-pdf",
  "video",
  "files",
  "email",
  "telemetry",
  "i18n",
];

// Test code (tests, benches, test support) may use adapters and other domains' test support.
const TEST_CODE = ["\\.(test|bench)\\.tsx?$", "/testing/"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-app-imports",
      severity: "error",
      comment: "Nothing imports an app.",
      from: { pathNot: "^apps/" },
      to: { path: "^apps/" },
    },
    {
      name: "apps-not-into-each-other",
      severity: "error",
      comment: "An app does not import another app.",
      from: { path: "^apps/([^/]+)/" },
      to: { path: "^apps/", pathNot: "^apps/$1/" },
    },
    {
      name: "core-depends-on-lower-packages-only",
      severity: "error",
      comment: `core → {${CORE_MAY_USE.join(", ")}} only (no app, no adapter).`,
      from: { path: "^packages/core/", pathNot: TEST_CODE },
      to: {
        path: "^(packages|adapters)/",
        pathNot: [`^packages/(core|${CORE_MAY_USE.join("|")})/`],
      },
    },
    {
      name: "lower-packages-do-not-import-core",
      severity: "error",
      comment: "The packages below core do not import core, an app or an adapter.",
      from: { path: `^packages/(${CORE_MAY_USE.join("|")})/` },
      to: { path: "^(packages/core|adapters)/" },
    },
    {
      name: "adapters-depend-on-payment-gateway-only",
      severity: "error",
      comment: "A gateway adapter depends on @mentora/payment-gateway only (and its own files).",
      from: { path: "^adapters/([^/]+)/" },
      to: {
        path: "^(packages|adapters|apps)/",
        pathNot: ["^adapters/$1/", "^packages/payment-gateway/"],
      },
    },
    {
      name: "core-domains-through-front-doors",
      severity: "error",
      comment:
        "In packages/core/src, reach another domain through its index.ts (or, from test code, its testing/ folder). Fix: node scripts/arch/front-doors.ts",
      from: { path: "^packages/core/src/([^/]+)/", pathNot: [...HANDLER_MAPS, CONFIG_SCHEMA] },
      to: {
        path: "^packages/core/src/[^/]+/",
        pathNot: [
          "^packages/core/src/$1/",
          `^packages/core/src/(${INFRA.join("|")})/`,
          "^packages/core/src/[^/]+/index\\.ts$",
          "^packages/core/src/[^/]+/testing/",
          "^packages/core/src/.+/router\\.ts$",
        ],
      },
    },
    {
      name: "config-schema-reads-slices-only",
      severity: "error",
      comment:
        "config/schema.ts composes the domains' config slices from their config.ts files, never their front doors: every process reads the configuration first, and through index.ts that pulled in all of core (decision 066).",
      from: { path: CONFIG_SCHEMA },
      to: {
        path: "^packages/core/src/[^/]+/",
        pathNot: ["^packages/core/src/config/", "^packages/core/src/[^/]+/config\\.ts$"],
      },
    },
    {
      name: "handler-maps-through-front-doors-or-handlers",
      severity: "error",
      comment:
        "The handler map imports other domains' *.job.ts handlers directly, everything else through their index.ts.",
      from: { path: HANDLER_MAPS },
      to: {
        path: "^packages/core/src/[^/]+/",
        pathNot: [
          "^packages/core/src/app/",
          `^packages/core/src/(${INFRA.join("|")})/`,
          "^packages/core/src/[^/]+/index\\.ts$",
          "\\.job\\.ts$",
        ],
      },
    },
    {
      name: "core-routers-only-in-router-compositions",
      severity: "error",
      comment:
        "A domain's router.ts files are mounted by trpc/ and admin/router.ts only; front doors do not re-export routers, so a domain that needs another's service does not load every procedure (decision 025).",
      from: {
        path: "^packages/core/src/([^/]+)/",
        pathNot: ROUTER_MOUNTS.map((mount) => `^packages/core/src/${mount}`),
      },
      to: {
        path: "^packages/core/src/.+/router\\.ts$",
        pathNot: ["^packages/core/src/$1/", "^packages/core/src/trpc/"],
      },
    },
    {
      name: "core-test-support-from-test-code-only",
      severity: "error",
      comment: "Another domain's testing/ folder is for test code only.",
      from: { path: "^packages/core/src/([^/]+)/", pathNot: TEST_CODE },
      to: { path: "^packages/core/src/[^/]+/testing/", pathNot: "^packages/core/src/$1/" },
    },
  ],
  options: {
    // Type-only imports are kept in the graph (a deep `import type` still couples two domains);
    // the cycle check leaves them out.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["node_modules", "/build/", "/\\.cache/", "\\.d\\.ts$"] },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    // Cache the cruise between runs so `pnpm check` stays fast.
    cache: { folder: "node_modules/.cache/dependency-cruiser", strategy: "content" },
  },
};
