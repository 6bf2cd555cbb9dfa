import http from "node:http";

/**
 * Sends `count` GETs to `url`, `concurrency` at a time (an autocannon-like loop on fetch); every
 * answer must be 200 (body read). `headers` go with each request (e.g. a session cookie).
 */
export async function load(
  url: string,
  options: { count?: number; concurrency?: number; headers?: Record<string, string> } = {},
): Promise<void> {
  const { count = 50, concurrency = 8, headers } = options;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await fetch(url, headers ? { headers } : undefined);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * `load` on node:http with keep-alive sockets (one per request in flight) instead of fetch: the
 * client's own work per request is a small fraction of fetch's (no WHATWG Request, Headers and
 * Response per call), so on two shared cores the server's cost is what the wall clock shows
 * (decision 072). Same contract: every answer 200, its body read.
 */
export async function leanLoad(
  url: string,
  options: { count?: number; concurrency?: number; headers?: Record<string, string> } = {},
): Promise<void> {
  const { count = 50, concurrency = 8, headers } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.get(url, { agent, headers }, (response) => {
        response.on("data", () => {});
        response.on("end", () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`${url}: HTTP ${response.statusCode}`)),
        );
        response.on("error", reject);
      });
      request.on("error", reject);
    });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await get();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
}
