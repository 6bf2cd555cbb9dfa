import { z } from "zod";

/**
 * Cursor paging, one way for every list (decision 023). The wire format: the input takes
 * `limit` and `cursor` (the previous page's `nextCursor`, the id of its last row); the output is
 * `{ items, nextCursor }`, `nextCursor` null on the last page. Rows are read with one extra, so
 * the last page is known without a count, and the cursor is an id, stable under inserts.
 */

/** The previous page's `nextCursor`. */
export const pageCursor = z.string().max(100);

/** The `limit` and `cursor` fields of a list's input, to spread into its `z.object`. */
export function pageInput({ defaultLimit = 25, maxLimit = 100 } = {}) {
  return {
    limit: z.number().int().min(1).max(maxLimit).default(defaultLimit),
    /** The previous page's `nextCursor` (the id of its last row). */
    cursor: pageCursor.optional(),
  };
}

/** `{ items, nextCursor }`: a list's output. */
export const pageOutput = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface CursorPage<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * The `take`/`cursor`/`skip` of a Prisma findMany for one page after `cursor`; the query's own
 * `orderBy` must end with `id` so the order is total.
 */
export function pageArgs(page: PageRequest) {
  return {
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  };
}

/**
 * The rows of a findMany that read one more than `limit` as a page: at most `limit` of them,
 * and the last one's cursor as `nextCursor` when the extra row says another page follows. The
 * cursor is the row's id (with `pageArgs`), or the sort key a keyset list encodes
 * (`encodeCursor` in keyset-cursor.ts).
 */
export function cursorPage<Row extends { id: string }>(
  rows: readonly Row[],
  limit: number,
): CursorPage<Row>;
export function cursorPage<Row>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (last: Row) => string,
): CursorPage<Row>;
export function cursorPage<Row>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (last: Row) => string = (last) => (last as { id: string }).id,
): CursorPage<Row> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** Every item of every page, one page read at a time (exports stay flat in memory). */
export async function* eachItem<Item>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<Item>>,
): AsyncGenerator<Item, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
