import { AppError } from "../errors/index.ts";
import type { Logger } from "../logger/index.ts";
import { type RealtimeListener, startListener } from "./listener.ts";

/**
 * One open stream in the registry: a "something may have changed" flag and whoever awaits it.
 * No messages are held here (the table has them): a burst of NOTIFYs is one flag.
 */
export class StreamHandle {
  dirty = true;
  closed = false;
  private resolve: (() => void) | undefined;
  readonly userId: string;
  private readonly release: (handle: StreamHandle) => void;

  constructor(userId: string, release: (handle: StreamHandle) => void) {
    this.userId = userId;
    this.release = release;
  }

  wake(): void {
    this.dirty = true;
    this.resolve?.();
  }

  /** Until woken (true) or closed (false). Clears the flag it consumes. */
  async next(): Promise<boolean> {
    if (!this.dirty && !this.closed) {
      await new Promise<void>((resolve) => {
        this.resolve = resolve;
      });
      this.resolve = undefined;
    }
    this.dirty = false;
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.resolve?.();
    this.release(this);
  }
}

export interface RealtimeHub {
  /** Registers a stream for this user; AppError REALTIME_STREAM_LIMIT past the cap. */
  open(userId: string): StreamHandle;
  /** Streams this user holds open on this process. */
  openCount(userId: string): number;
  /** Streams open on this process. */
  readonly size: number;
  /** What a NOTIFY does: wakes this user's streams (tests call it directly). */
  notify(userId: string): void;
  /** Wakes every stream (after a listener reconnect). */
  wakeAll(): void;
  close(): Promise<void>;
}

export interface HubOptions {
  /** Where the LISTEN connection goes; undefined: no listener (tests drive notify()). */
  listenUrl: string | undefined;
  logger: Logger;
  maxStreamsPerUser: number;
}

/**
 * The process-local registry userId → open streams, fed by the process's one LISTEN
 * connection, started when the first stream opens (the worker and scripts never open one).
 */
export function createRealtimeHub(options: HubOptions): RealtimeHub {
  const byUser = new Map<string, Set<StreamHandle>>();
  let size = 0;
  let listener: RealtimeListener | undefined;
  let closed = false;

  const release = (handle: StreamHandle) => {
    const set = byUser.get(handle.userId);
    if (!set?.delete(handle)) return;
    size -= 1;
    if (set.size === 0) byUser.delete(handle.userId);
  };
  const hub: RealtimeHub = {
    open(userId) {
      if (closed) {
        // Shutting down: a stream that ends at once (the client reconnects elsewhere).
        const handle = new StreamHandle(userId, () => {});
        handle.close();
        return handle;
      }
      const set = byUser.get(userId) ?? new Set<StreamHandle>();
      if (set.size >= options.maxStreamsPerUser) {
        throw new AppError("REALTIME_STREAM_LIMIT", { max: options.maxStreamsPerUser });
      }
      if (!listener && options.listenUrl) {
        listener = startListener({
          connectionString: options.listenUrl,
          logger: options.logger,
          onNotify: (id) => hub.notify(id),
          onReconnect: () => hub.wakeAll(),
        });
      }
      const handle = new StreamHandle(userId, release);
      set.add(handle);
      byUser.set(userId, set);
      size += 1;
      return handle;
    },
    openCount: (userId) => byUser.get(userId)?.size ?? 0,
    get size() {
      return size;
    },
    notify(userId) {
      for (const handle of byUser.get(userId) ?? []) handle.wake();
    },
    wakeAll() {
      for (const set of byUser.values()) for (const handle of set) handle.wake();
    },
    async close() {
      closed = true;
      for (const set of [...byUser.values()]) for (const handle of [...set]) handle.close();
      await listener?.close();
    },
  };
  return hub;
}
