import type { RealtimeTopic } from "@mentora/core/contracts";
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useRootData } from "./root-data";
import { trpc } from "./trpc.browser";

/** One message of the viewer's realtime stream: "the thing `ref` of this topic changed". */
export type RealtimeMessage = { seq: string; topic: RealtimeTopic; ref: string };

interface Listener {
  topics: ReadonlySet<string>;
  onMessage: (message: RealtimeMessage) => void;
  /** The server skipped what this tab missed (too much): reload what the page shows. */
  onResync: () => void;
}

/**
 * The tab's ONE stream (decision 031), shared by every hook: browsers allow ~6 connections per
 * origin over HTTP/1.1, so never one per widget. Opened while some hook listens and a viewer is
 * signed in; the last event id survives a stop and a restart, so nothing is missed in between.
 */
const tab = {
  listeners: new Set<Listener>(),
  viewerId: null as string | null,
  lastEventId: undefined as string | undefined,
  /** The seq the page's data was read at (root loader): a first stream starts after it. */
  startAfter: undefined as string | undefined,
  subscription: null as { unsubscribe(): void } | null,
  retryTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  stopTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  failures: 0,
  // Seqs already delivered: after a reconnect the server may send a few again (late commits).
  seen: new Set<string>(),
};

const seenCap = 500;

function deliver(id: string, data: { topic: RealtimeTopic | "resync"; ref: string }) {
  // A late commit comes with a lower seq than one already seen: the id only moves forward.
  if (!tab.lastEventId || BigInt(id) > BigInt(tab.lastEventId)) tab.lastEventId = id;
  tab.failures = 0;
  if (data.topic === "resync") {
    for (const listener of tab.listeners) listener.onResync();
    return;
  }
  if (tab.seen.has(id)) return;
  tab.seen.add(id);
  if (tab.seen.size > seenCap) tab.seen.delete(tab.seen.values().next().value as string);
  const message: RealtimeMessage = { seq: id, topic: data.topic, ref: data.ref };
  for (const listener of tab.listeners) {
    if (listener.topics.has(message.topic)) listener.onMessage(message);
  }
}

function stop() {
  clearTimeout(tab.retryTimer);
  tab.retryTimer = undefined;
  tab.subscription?.unsubscribe();
  tab.subscription = null;
}

function start() {
  if (tab.subscription || tab.retryTimer || !tab.viewerId || tab.listeners.size === 0) return;
  tab.subscription = trpc().realtime.stream.subscribe(
    tab.lastEventId
      ? { lastEventId: tab.lastEventId }
      : tab.startAfter
        ? { after: tab.startAfter }
        : undefined,
    {
      onData: (event) => deliver(event.id, event.data),
      onStarted: () => {
        tab.failures = 0;
      },
      // Refused (401, 429), or the process is going away: tRPC gave up; retry later, more
      // slowly each time (1 s, 2 s, 4 s … 30 s), so a restart is caught within seconds.
      onError: () => {
        tab.failures += 1;
        retry(Math.min(30_000, 1_000 * 2 ** Math.min(tab.failures - 1, 5)));
      },
      // The server ended the stream (its process is stopping): open it again, on another
      // process if there is one, from the last event id. Jittered: every tab of that process
      // comes back at once.
      onComplete: () => retry(2_000),
    },
  );
}

function retry(delay: number) {
  tab.subscription = null;
  clearTimeout(tab.retryTimer);
  tab.retryTimer = setTimeout(
    () => {
      tab.retryTimer = undefined;
      start();
    },
    delay / 2 + Math.random() * (delay / 2),
  );
}

/** Keeps the tab's stream in step with who is signed in and whether anyone listens. */
function sync(viewerId: string | null, startAfter: string | null) {
  if (viewerId !== tab.viewerId) {
    stop();
    // Another person's stream: nothing of the previous one carries over.
    tab.viewerId = viewerId;
    tab.lastEventId = undefined;
    tab.seen.clear();
  }
  // Used only until the stream has an event id of its own.
  tab.startAfter = startAfter ?? undefined;
  clearTimeout(tab.stopTimer);
  if (tab.listeners.size > 0) {
    start();
  } else {
    // A navigation unmounts one page's hooks before the next page mounts its own: wait a
    // little before closing, rather than reconnecting on every click.
    tab.stopTimer = setTimeout(stop, 5_000);
  }
}

/**
 * Calls `onMessage` for every realtime message of these topics addressed to the signed-in viewer
 * (issue #15). `onResync` (default: re-run the page's loaders) when the server tells the tab it
 * missed too much to replay.
 */
export function useRealtime(
  topics: readonly RealtimeTopic[],
  onMessage: (message: RealtimeMessage) => void,
  onResync?: () => void,
): void {
  const root = useRootData();
  const viewerId = root?.viewer?.id ?? null;
  const startAfter = useRef(root?.realtimeSeq ?? null);
  startAfter.current = root?.realtimeSeq ?? null;
  const revalidator = useRevalidator();
  // The latest callbacks without re-subscribing on every render.
  const revalidate = () => void revalidator.revalidate();
  const latest = useRef({ onMessage, onResync, revalidate });
  latest.current = { onMessage, onResync, revalidate };
  const topicKey = [...topics].sort().join(",");
  useEffect(() => {
    const listener: Listener = {
      topics: new Set(topicKey.split(",")),
      onMessage: (message) => latest.current.onMessage(message),
      onResync: () => (latest.current.onResync ?? latest.current.revalidate)(),
    };
    tab.listeners.add(listener);
    sync(viewerId, startAfter.current);
    return () => {
      tab.listeners.delete(listener);
      sync(viewerId, startAfter.current);
    };
  }, [topicKey, viewerId]);
}

/**
 * A `revalidate` that never drops a request: one asked for while loaders run causes one more run
 * once they finish (the running one may have read the data before the change it was told of).
 */
export function useLiveRevalidate(): () => void {
  const revalidator = useRevalidator();
  const pending = useRef(false);
  const state = revalidator.state;
  useEffect(() => {
    if (state === "idle" && pending.current) {
      pending.current = false;
      void revalidator.revalidate();
    }
  }, [state, revalidator]);
  return () => {
    if (revalidator.state === "idle") void revalidator.revalidate();
    else pending.current = true;
  };
}

/**
 * Re-runs the page's loaders when a message of these topics arrives (only for `ref` when given):
 * the usual way a page becomes live. Messages that arrive while loaders run cause one more run.
 */
export function useRevalidateOn(topics: readonly RealtimeTopic[], ref?: string): void {
  const revalidate = useLiveRevalidate();
  useRealtime(
    topics,
    (message) => {
      if (ref === undefined || message.ref === ref) revalidate();
    },
    revalidate,
  );
}
