import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";

const require = createRequire(import.meta.url);

/** The Krisp noise-cancellation plugin's files, from its npm package (never a CDN). */
const root = path.join(
  path.dirname(require.resolve("@twilio/krisp-audio-plugin/package.json")),
  "dist",
);

const types: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/**
 * twilio-video loads `/krisp/krispsdk.mjs`, its worklet and model weights from here
 * (`noiseCancellationOptions.sdkAssetsPath`). Only files inside the package's dist folder.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = path.resolve(root, params["*"] ?? "");
  if (!file.startsWith(`${root}${path.sep}`)) return new Response("Not found", { status: 404 });
  try {
    if (!(await stat(file)).isFile()) return new Response("Not found", { status: 404 });
    return new Response(await readFile(file), {
      headers: {
        "Content-Type": types[path.extname(file)] ?? "application/octet-stream",
        "Cache-Control": "public, max-age=86400",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch {
    return new Response("Not found", { status: 404 });
  }
}
