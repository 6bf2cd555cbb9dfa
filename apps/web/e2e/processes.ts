import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

/** A TCP port free on this machine right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === "object"
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** A child process whose last output lines are kept, to explain a failure. */
export interface Managed {
  name: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Spawns `node <args>` (process.execPath, never a .bin shell shim, so signals reach node
 * itself). Its stderr is echoed, prefixed, so a crash shows up in the test output.
 */
export function spawnNode(
  name: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Managed {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 80) lines.shift();
    }
  };
  const echo = (chunk: Buffer, only?: (line: string) => boolean) =>
    process.stderr.write(
      chunk
        .toString("utf8")
        .split("\n")
        .filter((line) => line.trim() && (!only || only(line)))
        .map((line) => `[${name}] ${line}\n`)
        .join(""),
    );
  child.stdout?.on("data", (chunk: Buffer) => {
    keep(chunk);
    // Structured logs (pino JSON: warnings and errors at LOG_LEVEL=warn), not request logs.
    echo(chunk, (line) => line.startsWith("{"));
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    keep(chunk);
    echo(chunk);
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.once("error", () => resolve(null));
  });
  return {
    name,
    child,
    output: () => lines.join("\n"),
    exited,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200; fails early if one of `watch` exits. */
export async function waitForHealthy(
  url: string,
  watch: Managed[],
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no answer yet";
  let exitedProcess: Managed | undefined;
  for (const managed of watch) {
    void managed.exited.then(() => {
      exitedProcess ??= managed;
    });
  }
  while (Date.now() < deadline) {
    if (exitedProcess) {
      throw new Error(
        `${exitedProcess.name} exited before ${url} was healthy:\n${exitedProcess.output()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `${url} was not healthy after ${timeoutMs} ms (${lastError}).\n${watch
      .map((managed) => `--- ${managed.name}:\n${managed.output()}`)
      .join("\n")}`,
  );
}
