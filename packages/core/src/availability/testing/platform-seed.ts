import { randomUUID } from "node:crypto";
import type { App } from "../../app/index.ts";

/**
 * Bulk-seeds the rest of a platform straight in SQL, for benches: `mentors` approved mentors
 * with one 60-minute 1:1 option each and `sessionsPerMentor` scheduled sessions (two hours
 * apart from `from`), each with one confirmed booking by a single mentee.
 */
export async function seedBookedPlatform(
  app: App,
  options: { mentors: number; sessionsPerMentor: number; from: Date },
): Promise<void> {
  const run = randomUUID();
  const menteeId = `mentee-${run}`;
  await app.prisma.$executeRaw`
    INSERT INTO "user" (id, name, email, "emailVerified", "updatedAt")
    VALUES (${menteeId}, 'Bench Mentee', ${`${menteeId}@bench.test`}, true, now())`;
  await app.prisma.$executeRaw`
    INSERT INTO "user" (id, name, email, "emailVerified", role, timezone, "updatedAt")
    SELECT ${run} || '-' || g, 'Bench Mentor ' || g, ${run} || '-' || g || '@bench.test', true,
      'MENTOR', 'Europe/Paris', now()
    FROM generate_series(1, ${options.mentors}::int) g`;
  await app.prisma.$executeRaw`
    INSERT INTO mentor_profile ("userId", status, "updatedAt")
    SELECT ${run} || '-' || g, 'APPROVED', now() FROM generate_series(1, ${options.mentors}::int) g`;
  await app.prisma.$executeRaw`
    INSERT INTO offering (id, "mentorId", title, description, kind, "updatedAt")
    SELECT 'o-' || ${run} || '-' || g, ${run} || '-' || g, 'Bench', 'Bench.', 'ONE_TO_ONE', now()
    FROM generate_series(1, ${options.mentors}::int) g`;
  await app.prisma.$executeRaw`
    INSERT INTO offering_option (id, "offeringId", "durationMinutes", "priceMinor", currency)
    SELECT 'op-' || ${run} || '-' || g, 'o-' || ${run} || '-' || g, 60, 5000, 'EUR'
    FROM generate_series(1, ${options.mentors}::int) g`;
  // In chunks of about 5,000 sessions, each statement well inside the statement timeout.
  const perChunk = Math.max(1, Math.floor(5_000 / options.sessionsPerMentor));
  const from = options.from.toISOString().slice(0, 23);
  for (let first = 1; first <= options.mentors; first += perChunk) {
    const last = Math.min(options.mentors, first + perChunk - 1);
    await app.prisma.$executeRaw`
      WITH s AS (
        INSERT INTO mentoring_session (id, "mentorId", "offeringId", "optionId", "startsAt", "endsAt",
          "blockedUntil", capacity, "updatedAt")
        SELECT 's-' || ${run} || '-' || g || '-' || n, ${run} || '-' || g, 'o-' || ${run} || '-' || g,
          'op-' || ${run} || '-' || g,
          ${from}::timestamp(3) + n * interval '2 hours',
          ${from}::timestamp(3) + n * interval '2 hours' + interval '1 hour',
          ${from}::timestamp(3) + n * interval '2 hours' + interval '75 minutes',
          1, now()
        FROM generate_series(${first}::int, ${last}::int) g
        CROSS JOIN generate_series(0, ${options.sessionsPerMentor - 1}::int) n
        RETURNING id
      )
      INSERT INTO booking (id, "sessionId", "menteeId", status, "offeringTitle", "durationMinutes",
        "priceMinor", currency, "confirmedAt", "updatedAt")
      SELECT 'b-' || s.id, s.id, ${menteeId}, 'CONFIRMED', 'Bench', 60, 5000, 'EUR', now(), now()
      FROM s`;
  }
  await app.prisma.$executeRawUnsafe(
    'ANALYZE "user", mentor_profile, offering, offering_option, mentoring_session, booking',
  );
}
