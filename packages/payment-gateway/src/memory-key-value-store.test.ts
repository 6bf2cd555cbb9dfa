import { describe, expect, it } from "vitest";
import { createMemoryKeyValueStore } from "./memory-key-value-store.ts";

describe("memory KeyValueStore (the contract the app's Postgres store also meets)", () => {
  it("add creates once; replace is compare-and-set on the version; ttl expires", async () => {
    let now = 1_000;
    const store = createMemoryKeyValueStore(() => now);
    expect(await store.add("k", { n: 1 })).toEqual({
      created: true,
      entry: { value: { n: 1 }, version: 1 },
    });
    expect(await store.add("k", { n: 2 })).toEqual({
      created: false,
      entry: { value: { n: 1 }, version: 1 },
    });
    expect(await store.replace("k", { n: 3 }, 1)).toBe(true);
    expect(await store.replace("k", { n: 4 }, 1)).toBe(false);
    expect(await store.get("k")).toEqual({ value: { n: 3 }, version: 2 });
    await store.set("t", "short", { ttlMs: 10 });
    expect((await store.get("t"))?.value).toBe("short");
    now += 10;
    expect(await store.get("t")).toBeNull();
    expect((await store.add("t", "again")).created).toBe(true);
    await store.delete("k");
    expect(await store.get("k")).toBeNull();
  });
});
