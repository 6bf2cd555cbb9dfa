import type { Db, Prisma } from "@mentora/db";
import { type BookableOption, offeredSlots } from "../availability/index.ts";
import type { Logger } from "../logger/index.ts";
import { avatarUrl, skillsSelect, skillTagsOf } from "../profiles/index.ts";
import { decodeCursor, encodeCursor } from "../trpc/keyset-cursor.ts";
import { cursorPage } from "../trpc/pagination.ts";
import { type PriceRange, priceRangesOf, publicMentorWhere } from "./public-mentor.ts";
import { loadSellableOptions } from "./sellable-options.ts";

export interface DirectorySearch {
  /** Case-insensitive text in the name or the headline. */
  q?: string | undefined;
  /** A skill slug. */
  skill?: string | undefined;
  /** An ISO 639-1 code. */
  language?: string | undefined;
  /** With priceMin/priceMax: some sellable option in this currency is within the bounds. */
  currency?: string | undefined;
  priceMin?: number | undefined;
  priceMax?: number | undefined;
  /** Has at least one free slot starting within this many days from now. */
  availableWithinDays?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface DirectoryMentor {
  id: string;
  name: string;
  headline: string | null;
  languages: string[];
  skills: { slug: string; name: string }[];
  avatarUrl: string | null;
  /** Listed, but not accepting bookings for now. */
  paused: boolean;
  prices: PriceRange[];
}

export interface DirectoryPage {
  items: DirectoryMentor[];
  /** Null on the last page. With availableWithinDays a page may be short (see below). */
  nextCursor: string | null;
}

/**
 * The most candidates one availability-filtered search examines. Each costs ~3 queries per
 * option checked (rules, overrides, sessions; options are tried shortest first and the first
 * slot found stops the check) plus the slot computation over N days. When the budget runs out
 * the page is returned short (possibly empty) with a cursor to continue after the last
 * candidate examined: a page never costs more than this, however rare availability is.
 */
export const availabilityScanBudget = 100;
/** Candidates checked in parallel: bounds the connections one search holds. */
const availabilityConcurrency = 4;

const DAY_MS = 86_400_000;

const mentorSelect = {
  id: true,
  name: true,
  headline: true,
  languages: true,
  avatarVersion: true,
  skills: skillsSelect,
  mentorProfile: { select: { acceptingBookings: true } },
} as const satisfies Prisma.UserSelect;

type Candidate = Prisma.UserGetPayload<{ select: typeof mentorSelect }>;

/** Prisma passes `contains` to ILIKE as is: wildcards typed by a user must match themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function filtersOf(search: DirectorySearch): Prisma.UserWhereInput[] {
  const filters: Prisma.UserWhereInput[] = [publicMentorWhere];
  if (search.skill) filters.push({ skills: { some: { skill: { is: { slug: search.skill } } } } });
  if (search.language) filters.push({ languages: { has: search.language } });
  if (search.currency) {
    filters.push({
      offerings: {
        some: {
          status: "ACTIVE",
          options: {
            some: {
              archivedAt: null,
              currency: search.currency,
              priceMinor: { gte: search.priceMin, lte: search.priceMax },
            },
          },
        },
      },
    });
  }
  if (search.q) {
    const text = escapeLike(search.q);
    filters.push({
      OR: [
        { name: { contains: text, mode: "insensitive" } },
        { headline: { contains: text, mode: "insensitive" } },
      ],
    });
  }
  return filters;
}

/** Mentors strictly after (name, id) in the directory's order. */
function afterKey([name = "", id = ""]: readonly string[]): Prisma.UserWhereInput {
  return { OR: [{ name: { gt: name } }, { name, id: { gt: id } }] };
}

const keyOf = (mentor: { name: string; id: string }) => [mentor.name, mentor.id];

async function candidatesAfter(
  db: Db,
  filters: readonly Prisma.UserWhereInput[],
  key: readonly string[] | undefined,
  take: number,
): Promise<Candidate[]> {
  return db.user.findMany({
    where: { AND: key ? [...filters, afterKey(key)] : [...filters] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take,
    select: mentorSelect,
  });
}

async function hasSlotWithin(
  db: Db,
  options: readonly BookableOption[],
  range: { from: Date; to: Date; now: Date },
): Promise<boolean> {
  for (const option of options) {
    if ((await offeredSlots(db, option, range)).length > 0) return true;
  }
  return false;
}

/**
 * `fn` for one mentor; a mentor whose data breaks it is left out (and logged) instead of failing
 * the whole page for every visitor.
 */
async function orSkip<T>(
  logger: Logger | undefined,
  mentorId: string,
  fn: () => T | Promise<T>,
): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    logger?.error({ err, mentorId }, "directory: mentor skipped, their data could not be read");
    return null;
  }
}

async function mapLimited<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function toDirectoryMentor(
  mentor: Candidate,
  options: readonly BookableOption[] | undefined,
): DirectoryMentor {
  return {
    id: mentor.id,
    name: mentor.name,
    headline: mentor.headline,
    languages: mentor.languages,
    skills: skillTagsOf(mentor.skills),
    avatarUrl: avatarUrl(mentor, 256),
    paused: mentor.mentorProfile?.acceptingBookings === false,
    prices: priceRangesOf(options ?? []),
  };
}

/**
 * The public mentor directory: approved mentors matching every filter given, ordered by name
 * then id, with keyset pagination. Without availableWithinDays a page is exact (limit + 1 rows
 * read). With it, candidates are read in pages of limit + 1 and checked one by one with
 * offeredSlots, stopping at limit + 1 matches or after availabilityScanBudget candidates.
 */
export async function searchDirectory(
  db: Db,
  search: DirectorySearch,
  {
    now = new Date(),
    scanBudget = availabilityScanBudget,
    logger,
  }: { now?: Date; scanBudget?: number; logger?: Logger } = {},
): Promise<DirectoryPage> {
  const filters = filtersOf(search);
  let key = search.cursor ? decodeCursor(search.cursor, 2) : undefined;
  const batchSize = search.limit + 1;

  if (!search.availableWithinDays) {
    const rows = await candidatesAfter(db, filters, key, batchSize);
    const { items: page, nextCursor } = cursorPage(rows, search.limit, (last) =>
      encodeCursor(keyOf(last)),
    );
    const options = await loadSellableOptions(
      db,
      page.map((mentor) => mentor.id),
    );
    const items = await Promise.all(
      page.map((mentor) =>
        orSkip(logger, mentor.id, () => toDirectoryMentor(mentor, options.get(mentor.id))),
      ),
    );
    return {
      items: items.filter((item): item is DirectoryMentor => item !== null),
      nextCursor,
    };
  }

  const range = {
    from: now,
    to: new Date(now.getTime() + search.availableWithinDays * DAY_MS),
    now,
  };
  const matches: DirectoryMentor[] = [];
  let scanned = 0;
  for (;;) {
    const take = Math.min(batchSize, scanBudget - scanned);
    const batch = await candidatesAfter(db, filters, key, take);
    const options = await loadSellableOptions(
      db,
      batch.map((mentor) => mentor.id),
    );
    const available = await mapLimited(batch, availabilityConcurrency, (mentor) =>
      orSkip(logger, mentor.id, async () => {
        if (!(await hasSlotWithin(db, options.get(mentor.id) ?? [], range))) return null;
        return toDirectoryMentor(mentor, options.get(mentor.id));
      }),
    );
    for (const match of available) {
      if (!match) continue;
      matches.push(match);
      if (matches.length > search.limit) break;
    }
    scanned += batch.length;
    const last = batch.at(-1);
    if (matches.length > search.limit) {
      const page = matches.slice(0, search.limit);
      return { items: page, nextCursor: encodeCursor(keyOf(page.at(-1) as DirectoryMentor)) };
    }
    // Fewer rows than asked for: no candidate is left after this batch.
    if (batch.length < take || !last) return { items: matches, nextCursor: null };
    key = keyOf(last);
    if (scanned >= scanBudget) {
      return { items: matches, nextCursor: encodeCursor(key) };
    }
  }
}
