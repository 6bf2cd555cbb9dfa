import { describe, expect, it } from "vitest";
import { z } from "zod";
import { encodeCursor } from "./keyset-cursor.ts";
import { cursorPage, eachItem, pageArgs, pageInput, pageOutput } from "./pagination.ts";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i + 1}` }));

describe("cursor paging", () => {
  it("reads one row more than the page, after the cursor row", () => {
    expect(pageArgs({ limit: 25 })).toEqual({ take: 26 });
    expect(pageArgs({ limit: 10, cursor: "r9" })).toEqual({
      take: 11,
      cursor: { id: "r9" },
      skip: 1,
    });
  });

  it("gives the last item's id as nextCursor only when the extra row came back", () => {
    expect(cursorPage(rows(3), 2)).toEqual({ items: rows(2), nextCursor: "r2" });
    expect(cursorPage(rows(2), 2)).toEqual({ items: rows(2), nextCursor: null });
    expect(cursorPage([], 2)).toEqual({ items: [], nextCursor: null });
  });

  it("takes a keyset cursor for lists sorted by something else than id", () => {
    const people = [
      { name: "Ann", at: "2026-01-01" },
      { name: "Bob", at: "2026-01-02" },
    ];
    const page = cursorPage(people, 1, (last) => encodeCursor([last.at, last.name]));
    expect(page.items).toEqual([people[0]]);
    expect(page.nextCursor).toBe(encodeCursor(["2026-01-01", "Ann"]));
  });

  it("keeps the wire format: limit 1..max with a default, a short cursor, { items, nextCursor }", () => {
    const input = z.object(pageInput()).strict();
    expect(input.parse({})).toEqual({ limit: 25 });
    expect(input.safeParse({ limit: 0 }).success).toBe(false);
    expect(input.safeParse({ limit: 101 }).success).toBe(false);
    expect(input.safeParse({ cursor: "x".repeat(101) }).success).toBe(false);
    const small = z.object(pageInput({ defaultLimit: 10, maxLimit: 50 }));
    expect(small.parse({})).toEqual({ limit: 10 });
    expect(small.safeParse({ limit: 51 }).success).toBe(false);
    const output = pageOutput(z.object({ id: z.string() }));
    expect(output.parse({ items: [{ id: "a" }], nextCursor: null })).toEqual({
      items: [{ id: "a" }],
      nextCursor: null,
    });
    expect(output.safeParse({ items: [] }).success).toBe(false);
  });

  it("walks every page in order, asking with each page's cursor", async () => {
    const all = rows(7);
    const asked: (string | undefined)[] = [];
    const fetchPage = async (cursor: string | undefined) => {
      asked.push(cursor);
      const start = cursor ? all.findIndex((row) => row.id === cursor) + 1 : 0;
      return cursorPage(all.slice(start, start + 4), 3);
    };
    const seen: string[] = [];
    for await (const item of eachItem(fetchPage)) seen.push(item.id);
    expect(seen).toEqual(all.map((row) => row.id));
    expect(asked).toEqual([undefined, "r3", "r6"]);
  });
});
