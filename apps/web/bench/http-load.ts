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
