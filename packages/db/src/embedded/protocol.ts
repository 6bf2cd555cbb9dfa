// The contract between startEmbeddedPostgres (parent) and server.ts (child).

/** The one JSON line the child prints on stdout once Postgres accepts connections. */
export type ReadyMessage = {
  url: string;
  dataDir: string;
  /** Set when this start ran initdb (first use of the data directory). */
  initdbMs?: number;
  startMs: number;
  /** A postmaster.pid left by a crashed run was removed before starting. */
  removedStaleLock: boolean;
};

export type ServerOptions = { dataDir: string; persistent: boolean };

export function serverArgs({ dataDir, persistent }: ServerOptions): string[] {
  return ["--data-dir", dataDir, ...(persistent ? ["--persistent"] : [])];
}

export function isReadyMessage(value: unknown): value is ReadyMessage {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ReadyMessage).url === "string" &&
    typeof (value as ReadyMessage).startMs === "number"
  );
}
