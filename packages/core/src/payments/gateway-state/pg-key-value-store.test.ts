import { createTestDatabase } from "@mentora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgKeyValueStore } from "./pg-key-value-store.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.prisma.$disconnect();
  await database?.pool.end();
});

describe("the gateways' Postgres key/value state", () => {
  it("add creates once, even when racing; replace is compare-and-set; namespaces are apart", async () => {
    const store = createPgKeyValueStore(database.prisma, "alpha");
    const other = createPgKeyValueStore(database.prisma, "beta");
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, n) => store.add("claim", { winner: n })),
    );
    expect(racing.filter((result) => result.created)).toHaveLength(1);
    const winner = racing.find((result) => result.created)?.entry.value;
    for (const result of racing) expect(result.entry).toEqual({ value: winner, version: 1 });

    expect(await store.replace("claim", { winner: "x" }, 1)).toBe(true);
    expect(await store.replace("claim", { winner: "y" }, 1)).toBe(false);
    expect(await store.get("claim")).toEqual({ value: { winner: "x" }, version: 2 });
    expect(await other.get("claim")).toBeNull();
    expect((await other.add("claim", "mine")).created).toBe(true);

    await store.set("claim", [1, "two", null]);
    expect(await store.get("claim")).toEqual({ value: [1, "two", null], version: 3 });
    await store.delete("claim");
    expect(await store.get("claim")).toBeNull();
    expect(await other.get("claim")).toEqual({ value: "mine", version: 1 });
  });

  it("an expired entry reads as absent, and add takes its key over", async () => {
    const store = createPgKeyValueStore(database.prisma, "ttl");
    await store.set("gone", "soon", { ttlMs: -1 });
    expect(await store.get("gone")).toBeNull();
    expect(await store.replace("gone", "late", 1)).toBe(false);
    expect(await store.add("gone", "fresh")).toEqual({
      created: true,
      entry: { value: "fresh", version: 1 },
    });
    await store.set("kept", "a while", { ttlMs: 60_000 });
    expect((await store.get("kept"))?.value).toBe("a while");
  });
});
