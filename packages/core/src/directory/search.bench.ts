import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import { seedBookedPlatform } from "../availability/testing/platform-seed.ts";
import { nextMondayAt } from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { searchDirectory } from "./search-service.ts";
import { refreshStaleSlots } from "./slot-summary.ts";

// The directory with availability on BENCH_SCALE × 100 listed mentors (issue #14: 100 → 1,000
// mentors ≤ 1.3×). One in ten has weekly hours (Paris, 09–18 every day); each has 20 booked
// sessions. Floor: one page of listed mentors by name, no availability (a plain Prisma read).
const scale = Number(process.env.BENCH_SCALE ?? 1);
let app: App | undefined;
afterAll(async () => {
  await app?.close();
});

test("directory search with availability vs a page of mentors by name", async ({ bench }) => {
  app = await createTestApp();
  const prisma = app.prisma;
  await seedBookedPlatform(app, {
    mentors: scale * 100,
    sessionsPerMentor: 20,
    from: nextMondayAt(0),
  });
  await prisma.$executeRaw`
    INSERT INTO availability_rule (id, "mentorId", weekday, "startMinute", "endMinute")
    SELECT gen_random_uuid(), u.id, d, 540, 1080
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "user" WHERE role = 'MENTOR') u
    CROSS JOIN generate_series(1, 7) d
    WHERE u.n % 10 = 0`;
  await refreshStaleSlots(prisma, { limit: scale * 100 });
  await prisma.$executeRawUnsafe(
    "ANALYZE directory_slot, directory_slot_refresh, availability_rule",
  );

  await bench.compare(
    bench("available within 7 days, first page of 12", async () => {
      await searchDirectory(prisma, { availableWithinDays: 7, limit: 12 });
    }),
    bench("evenings in New York within 14 days, soonest first", async () => {
      await searchDirectory(
        prisma,
        { availableWithinDays: 14, timesOfDay: ["evening"], sort: "soonest", limit: 12 },
        { timezone: "America/New_York" },
      );
    }),
    bench("floor: a page of 12 listed mentors by name", async () => {
      await prisma.user.findMany({
        where: { mentorProfile: { is: { status: "APPROVED" } }, role: { not: "MENTEE" } },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: 13,
        select: { id: true, name: true, headline: true, languages: true, avatarVersion: true },
      });
    }),
  );
}, 900_000);
