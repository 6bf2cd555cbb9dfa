import type { Db, Prisma } from "@mentora/db";
import { offeredSlots } from "../availability/index.ts";
import type { Logger } from "../logger/index.ts";
import { loadSellableOptions } from "./sellable-options.ts";

/**
 * Days ahead the summary covers: one more than the widest availability filter, so a summary an
 * hour old still covers the whole window (the sweep refreshes every mentor at least hourly).
 */
export const summaryDays = 31;
/** The widest "available within" filter the directory offers. */
export const maxAvailabilityWindowDays = 30;
/** A mentor's summary is recomputed by the sweep once it is this old. */
export const summaryMaxAgeMs = 60 * 60_000;

const HOUR_MS = 3_600_000;
/**
 * Starts kept on the refresh row: a summary up to 70 minutes old (the sweep's hour plus its
 * 10-minute period) has at most two hour rows fallen under the notice since, so the third
 * answers "next available" without reading directory_slot.
 */
const leadStartsKept = 3;
const DAY_MS = 86_400_000;

/**
 * Recomputes one mentor's `directory_slot` rows: the first free start of each hour of the next
 * summaryDays, over every sellable option (shortest first, as booking would offer them). Runs
 * in one transaction under a per-mentor advisory lock, so two refreshes of the same mentor
 * (a booking and a sweep) cannot interleave and leave the older reading last.
 * A mentor who is not bookable (paused, not approved, no option) ends with no rows.
 */
export async function refreshMentorSlots(
  db: Db,
  mentorId: string,
  now = new Date(),
): Promise<number> {
  return db.$transaction((tx) => refreshMentorSlotsIn(tx, mentorId, now), { timeout: 30_000 });
}

/**
 * refreshMentorSlots inside the caller's transaction: the change that moved the mentor's
 * availability (rules, overrides, settings, offerings) commits with its summary.
 */
export async function refreshMentorSlotsIn(
  tx: Prisma.TransactionClient,
  mentorId: string,
  now = new Date(),
): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('directory_slot'), hashtext(${mentorId}))`;
  const options = (await loadSellableOptions(tx, [mentorId])).get(mentorId) ?? [];
  const range = { from: now, to: new Date(now.getTime() + summaryDays * DAY_MS), now };
  const firstOfHour = new Map<number, number>();
  for (const option of options) {
    for (const slot of await offeredSlots(tx, option, range)) {
      const start = slot.startMs;
      const hour = Math.floor(start / HOUR_MS);
      const known = firstOfHour.get(hour);
      if (known === undefined || start < known) firstOfHour.set(hour, start);
    }
  }
  // Only the difference is written (decision 071): from one refresh to the next most hours are
  // the same (the window moves by the time elapsed, a booking takes an hour or two), so
  // rewriting the ~500 rows of a month each time cost most of the job.
  const starts = [...firstOfHour.values()];
  const wanted = new Set(starts);
  const stored = await tx.directorySlot.findMany({
    where: { mentorId },
    select: { startsAt: true },
  });
  const have = new Set(stored.map((row) => row.startsAt.getTime()));
  const gone = [...have].filter((start) => !wanted.has(start));
  const added = starts.filter((start) => !have.has(start));
  if (gone.length > 0) {
    await tx.directorySlot.deleteMany({
      where: { mentorId, startsAt: { in: gone.map((start) => new Date(start)) } },
    });
  }
  if (added.length > 0) {
    await tx.directorySlot.createMany({
      data: added.map((start) => ({ mentorId, startsAt: new Date(start) })),
    });
  }
  const span = {
    refreshedAt: now,
    firstStartsAt: starts.length > 0 ? new Date(Math.min(...starts)) : null,
    lastStartsAt: starts.length > 0 ? new Date(Math.max(...starts)) : null,
    utcHours: utcHoursOf(starts),
    leadStarts: starts
      .toSorted((a, b) => a - b)
      .slice(0, leadStartsKept)
      .map((start) => new Date(start)),
  };
  await tx.directorySlotRefresh.upsert({
    where: { mentorId },
    create: { mentorId, ...span },
    update: span,
  });
  return firstOfHour.size;
}

/** Bit h set: one of the starts is at hour h (UTC) of its day (directory_slot_refresh.utcHours). */
export function utcHoursOf(starts: Iterable<number>): number {
  let mask = 0;
  for (const start of starts) mask |= 1 << new Date(start).getUTCHours();
  return mask;
}

/** The mentor of a session, then refreshMentorSlots (booking events carry the session). */
export async function refreshSlotsOfSession(
  db: Db,
  sessionId: string,
  now = new Date(),
): Promise<void> {
  const session = await db.mentoringSession.findUnique({
    where: { id: sessionId },
    select: { mentorId: true },
  });
  if (session) await refreshMentorSlots(db, session.mentorId, now);
}

/**
 * The periodic sweep: recomputes the summaries of approved mentors that have none or an older
 * one than summaryMaxAgeMs (oldest first, at most `limit` per run, so one run stays short), and
 * drops the rows of mentors who are no longer approved. Returns how many were refreshed.
 */
export async function refreshStaleSlots(
  db: Db,
  { now = new Date(), limit = 500, logger }: { now?: Date; limit?: number; logger?: Logger } = {},
): Promise<number> {
  await db.$executeRaw`
    DELETE FROM directory_slot ds WHERE NOT EXISTS (
      SELECT 1 FROM mentor_profile mp WHERE mp."userId" = ds."mentorId" AND mp.status = 'APPROVED')`;
  await db.$executeRaw`
    DELETE FROM directory_slot_refresh r WHERE NOT EXISTS (
      SELECT 1 FROM mentor_profile mp WHERE mp."userId" = r."mentorId" AND mp.status = 'APPROVED')`;
  const staleBefore = new Date(now.getTime() - summaryMaxAgeMs);
  const due = await db.$queryRaw<{ mentorId: string }[]>`
    SELECT mp."userId" AS "mentorId"
    FROM mentor_profile mp
    LEFT JOIN directory_slot_refresh r ON r."mentorId" = mp."userId"
    WHERE mp.status = 'APPROVED' AND (r."refreshedAt" IS NULL OR r."refreshedAt" < ${staleBefore})
    ORDER BY r."refreshedAt" ASC NULLS FIRST
    LIMIT ${limit}`;
  let refreshed = 0;
  for (const { mentorId } of due) {
    try {
      await refreshMentorSlots(db, mentorId, now);
      refreshed += 1;
    } catch (err) {
      // One mentor's broken data must not stop the others' refresh.
      logger?.error({ err, mentorId }, "directory: availability summary refresh failed");
    }
  }
  return refreshed;
}

/**
 * The refreshedAt of a summary never computed: the database writes a refresh row with it when a
 * mentor profile becomes approved, however it is written (the app, the demo seed, an import, a
 * fixture; migration directory_summary_pending). Write it yourself to have a mentor's summary
 * recomputed by the next search.
 */
export const pendingRefreshStamp = new Date(0);

/**
 * Summaries of approved mentors that were never computed (pending), filled before a search
 * reads them; at most `limit` per call. One lookup on the refreshedAt index whatever the number
 * of mentors (decision 058): in steady state it finds nothing.
 */
export async function fillMissingSummaries(
  db: Db,
  { now = new Date(), limit = 50, logger }: { now?: Date; limit?: number; logger?: Logger } = {},
): Promise<number> {
  const missing = await db.$queryRaw<{ mentorId: string }[]>`
    SELECT r."mentorId" FROM directory_slot_refresh r
    WHERE r."refreshedAt" = TIMESTAMP '1970-01-01 00:00:00'  -- pendingRefreshStamp
    LIMIT ${limit}`;
  for (const { mentorId } of missing) {
    try {
      await refreshMentorSlots(db, mentorId, now);
    } catch (err) {
      logger?.error({ err, mentorId }, "directory: availability summary refresh failed");
    }
  }
  return missing.length;
}
