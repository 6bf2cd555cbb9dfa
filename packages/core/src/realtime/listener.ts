import pg from "pg";
import type { Logger } from "../logger/index.ts";
import { realtimeChannel } from "./publish.ts";

export interface RealtimeListener {
  close(): Promise<void>;
}

export interface ListenerOptions {
  connectionString: string;
  logger: Logger;
  /** A NOTIFY on the channel: its payload is a user id. */
  onNotify: (userId: string) => void;
  /**
   * The connection (re)opened: notifications sent while it was down are lost, so every open
   * stream re-reads the table.
   */
  onReconnect: () => void;
  /** First and largest wait between reconnection attempts (doubling, with jitter). */
  backoff?: { firstMs: number; maxMs: number };
}

/**
 * The process's one LISTEN connection, outside the pool (a pooled client would lose its LISTEN
 * when released). It reconnects with a growing delay for as long as the process lives.
 */
export function startListener(options: ListenerOptions): RealtimeListener {
  const { logger } = options;
  const backoff = options.backoff ?? { firstMs: 250, maxMs: 30_000 };
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let connectedOnce = false;

  const schedule = () => {
    if (closed || timer) return;
    const delay = Math.min(backoff.maxMs, backoff.firstMs * 2 ** attempt);
    attempt += 1;
    // Jitter: after a database restart, every web process must not come back in the same ms.
    timer = setTimeout(
      () => {
        timer = undefined;
        void connect();
      },
      delay / 2 + Math.random() * (delay / 2),
    );
    timer.unref();
  };

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    client = next;
    let failed = false;
    const onLost = (error?: Error) => {
      if (failed) return;
      failed = true;
      if (client === next) client = undefined;
      next.removeAllListeners("notification");
      next.end().catch(() => {});
      if (closed) return;
      logger.warn(
        { err: error ? { message: error.message } : undefined },
        "realtime listener connection lost: reconnecting",
      );
      schedule();
    };
    next.on("error", onLost);
    next.on("end", () => onLost());
    next.on("notification", (message) => {
      if (message.channel === realtimeChannel && message.payload) options.onNotify(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${realtimeChannel}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    attempt = 0;
    if (connectedOnce) logger.info("realtime listener reconnected");
    connectedOnce = true;
    // Also on the first connection: a stream opened while it was connecting re-reads.
    options.onReconnect();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
