import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

export type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

declare global {
  // The engine reports Rust panics through this global (see schema_engine_bg.js).
  var PRISMA_WASM_PANIC_REGISTRY: { message: string; set_message(message: string): void };
}

// Server code loads no "dom" lib, where WebAssembly's value types live; Node has it globally.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loading: Promise<typeof bindings> | undefined;

/**
 * Prisma's schema engine compiled to WebAssembly, instantiated the way Prisma 6's CLI did: the
 * package's own entry point imports the .wasm file as an ES module, which Node cannot do.
 * Compiled once per process (~5 MB).
 */
export function loadSchemaEngine(): Promise<typeof bindings> {
  loading ??= instantiate();
  return loading;
}

async function instantiate(): Promise<typeof bindings> {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    set_message(message) {
      this.message = message;
    },
  };
  const require = createRequire(import.meta.url);
  const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasm = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(wasm, {
    "./schema_engine_bg.js": withUnrefTimers(bindings),
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}

/**
 * The engine races each database call against a 10 s timer and never clears it (the glue has
 * no clearTimeout): every command would keep a CLI alive 10 s after its work is done. Its
 * timers are unref'd; during a command the database sockets keep the process alive.
 */
function withUnrefTimers(glue: typeof bindings): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (!name.startsWith("__wbg_setTimeout_") || typeof value !== "function") continue;
    const setTimer = value as (...args: unknown[]) => NodeJS.Timeout | undefined;
    imports[name] = (...args: unknown[]) => {
      const timer = setTimer(...args);
      timer?.unref();
      return timer;
    };
  }
  return imports;
}

/**
 * The message of the last engine panic, if any. A panicked wasm instance is not reused: the
 * next session instantiates a fresh one.
 */
export function takePanicMessage(): string | undefined {
  const registry = globalThis.PRISMA_WASM_PANIC_REGISTRY;
  const message = registry?.message;
  if (!registry || !message) return undefined;
  registry.message = "";
  loading = undefined;
  return message;
}
