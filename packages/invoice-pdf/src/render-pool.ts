import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { InvoiceDocument } from "./document.ts";
import type { RenderFormat, RenderTask } from "./render-thread.ts";

export type { RenderFormat } from "./render-thread.ts";

export interface RenderPoolOptions {
  /** Render threads; unset: os.availableParallelism(). 0 renders on the caller's event loop. */
  threads?: number;
  /** An idle thread exits after this long (its fonts and react-pdf are loaded again on next use). */
  idleTimeoutMs?: number;
}

export interface RenderPool {
  /** Threads the pool may run (0: in-process). */
  readonly threads: number;
  render(doc: InvoiceDocument, format: RenderFormat): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Renders documents in worker threads (piscina): rendering is CPU-bound (~25 ms of react-pdf a
 * page) and would otherwise block the caller's event loop, and with it every other job and
 * query of the process. Threads start on first use and exit when idle.
 */
export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const threads = options.threads ?? availableParallelism();
  if (threads === 0) {
    return {
      threads,
      async render(doc, format) {
        const { default: render } = await import("./render-thread.ts");
        return render({ doc, format });
      },
      async close() {},
    };
  }
  const pool = new Piscina<RenderTask, Uint8Array>({
    // A plain path (not `new URL(…, import.meta.url)`), which bundlers would turn into an asset.
    filename: path.join(path.dirname(fileURLToPath(import.meta.url)), "render-thread.ts"),
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: options.idleTimeoutMs ?? 60_000,
  });
  return {
    threads,
    render: (doc, format) => pool.run({ doc, format }),
    close: () => pool.destroy(),
  };
}
