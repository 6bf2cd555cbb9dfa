import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import { seedBookedPlatform } from "../availability/testing/platform-seed.ts";
import { nextMondayAt } from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { searchDirectory } from "./search-service.ts";
import { refreshStaleSlots } from "./slot-summary.ts";

// Issue #14: search with availability, 100 → 1,000 mentors ≤ 1.3×. Two platforms side by side
// (each its own database, so the rounds alternate under the same load): 100 and 1,000 listed
// mentors, one in ten with weekly hours (Paris, 09–18 every day), 20 booked sessions each.
// The floor is the same search on the 100-mentor platform: the ratio is the growth.
const apps: App[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

async function platform(mentors: number): Promise<App> {
  const app = await createTestApp();
  apps.push(app);
  await seedBookedPlatform(app, { mentors, sessionsPerMentor: 20, from: nextMondayAt(0) });
  await app.prisma.$executeRaw`
    INSERT INTO availability_rule (id, "mentorId", weekday, "startMinute", "endMinute")
    SELECT gen_random_uuid(), u.id, d, 540, 1080
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "user" WHERE role = 'MENTOR') u
    CROSS JOIN generate_series(1, 7) d
    WHERE u.n % 10 = 0`;
  await refreshStaleSlots(app.prisma, { limit: mentors });
  await app.prisma.$executeRawUnsafe("ANALYZE");
  return app;
}

test("directory search with availability: 1,000 mentors vs 100", async ({ bench }) => {
  const small = (await platform(100)).prisma;
  const large = (await platform(1_000)).prisma;
  const within = { availableWithinDays: 7, limit: 12 };
  const evenings = {
    availableWithinDays: 14,
    timesOfDay: ["evening" as const],
    sort: "soonest" as const,
    limit: 12,
  };
  await bench.compare(
    bench("1,000 mentors: available within 7 days, first page of 12", async () => {
      await searchDirectory(large, within);
    }),
    bench("1,000 mentors: evenings in New York within 14 days, soonest first", async () => {
      await searchDirectory(large, evenings, { timezone: "America/New_York" });
    }),
    bench("floor: 100 mentors, available within 7 days, first page of 12", async () => {
      await searchDirectory(small, within);
    }),
  );
}, 900_000);
