import { createRequire } from "node:module";
import path from "node:path";
import type { ImageClassification, ImageClassifier } from "./image-classifier.ts";
import { nsfwClasses } from "./image-classifier.ts";

type Loaded = {
  classify(pixels: {
    data: Uint8Array;
    width: number;
    height: number;
  }): Promise<ImageClassification>;
};

export type NsfwjsLoadStats = { loadMs: number; rssBeforeBytes: number; rssAfterBytes: number };

let loading: Promise<Loaded> | undefined;
let stats: NsfwjsLoadStats | undefined;

/** Load time and memory of the one model load (undefined until it happened). */
export function nsfwjsLoadStats(): NsfwjsLoadStats | undefined {
  return stats;
}

/** nsfwjs announces the model it loads on console.info; the worker logs structured lines only. */
async function withoutConsoleInfo<T>(run: () => Promise<T>): Promise<T> {
  // biome-ignore lint/suspicious/noConsole: silencing a dependency's banner, not logging
  const info = console.info;
  console.info = () => {};
  try {
    return await run();
  } finally {
    console.info = info;
  }
}

async function load(): Promise<Loaded> {
  const started = performance.now();
  const rssBeforeBytes = process.memoryUsage().rss;
  // Imported here, not at the top: web processes that never moderate an image never pay for tfjs.
  const tf = await import("@tensorflow/tfjs");
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  const require = createRequire(import.meta.url);
  // The .wasm files sit next to the backend's entry point inside the npm package.
  const wasmDir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
  wasm.setWasmPaths(`${wasmDir}${path.sep}`);
  if (!(await tf.setBackend("wasm"))) throw new Error("tfjs: the wasm backend did not start");
  await tf.ready();
  const nsfwjs = await import("nsfwjs");
  // The MobileNetV2 weights are bundled in nsfwjs (no network).
  const model = await withoutConsoleInfo(() => nsfwjs.load("MobileNetV2"));
  stats = {
    loadMs: performance.now() - started,
    rssBeforeBytes,
    rssAfterBytes: process.memoryUsage().rss,
  };
  return {
    async classify({ data, width, height }) {
      const image = tf.tensor3d(data, [height, width, 3], "int32");
      try {
        const predictions = await model.classify(image, nsfwClasses.length);
        const result = Object.fromEntries(
          nsfwClasses.map((name) => [name, 0]),
        ) as ImageClassification;
        for (const p of predictions)
          result[p.className as keyof ImageClassification] = p.probability;
        return result;
      } finally {
        image.dispose();
      }
    },
  };
}

/** nsfwjs MobileNetV2 on tfjs's WebAssembly backend, loaded once per process on first use. */
export function nsfwjsClassifier(): ImageClassifier {
  return {
    inputSize: 224,
    async classify(pixels) {
      loading ??= load().catch((error: unknown) => {
        loading = undefined; // a later call may try again
        throw error;
      });
      return (await loading).classify(pixels);
    },
  };
}
