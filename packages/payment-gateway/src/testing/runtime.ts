import { createMemoryKeyValueStore } from "../memory-key-value-store.ts";
import type { GatewayLogger, GatewayRuntime } from "../runtime.ts";

const silent: GatewayLogger = { info() {}, warn() {}, error() {} };

/** A runtime as the app would lend it, in memory: for adapter tests. */
export function testGatewayRuntime(overrides: Partial<GatewayRuntime> = {}): GatewayRuntime {
  return { state: createMemoryKeyValueStore(), logger: silent, timeoutMs: 5_000, ...overrides };
}
