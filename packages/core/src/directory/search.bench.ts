import type { Db } from "@mentora/db";
import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import { seedBookedPlatform } from "../availability/testing/platform-seed.ts";
import { nextMondayAt } from "../bookings/testing/bookings.ts";
import { createSeededTestApp } from "../testing/index.ts";
import { type DirectorySearch, searchDirectory } from "./search-service.ts";
import { refreshStaleSlots } from "./slot-summary.ts";

// Issue #14: search with availability, 100 → 1,000 mentors ≤ 1.3×. Two platforms side by side
// (each its own database, so the rounds alternate under the same load): 100 and 1,000 listed
// mentors, one in ten with weekly hours (Paris, 09–18 every day), 20 booked sessions each; one in
// three speaks French, three in seven have a rating (3 to 5, spread over the mentors with hours
// too: with `n % 5` alone every mentor with hours rated 3, and "rated 4+" found nobody), one in
// four also sells in USD, each has one
// of seven skills (spread evenly over the mentors with hours too). One group per filter and sort:
// the floor is the same search on the 100-mentor platform, showing as many cards, so each ratio
// is the growth at 10× the mentors.
const apps: App[] = [];
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

/** Seeded once per `pnpm bench` run and cloned in later rounds (decision 080). */
async function platform(mentors: number): Promise<Db> {
  const from = nextMondayAt(0);
  // The slot summaries are computed from today: a run crossing midnight seeds again.
  const today = new Date().toISOString().slice(0, 10);
  const { app } = await createSeededTestApp(
    `directory search: ${mentors} mentors × 20 sessions from ${from.toISOString()} on ${today}`,
    (app) => seedPlatform(app, mentors, from),
  );
  apps.push(app);
  return app.prisma;
}

async function seedPlatform(app: App, mentors: number, from: Date): Promise<null> {
  const db = app.prisma;
  await seedBookedPlatform(app, { mentors, sessionsPerMentor: 20, from });
  const ranked = `(SELECT id, row_number() OVER (ORDER BY id) AS n FROM "user" WHERE role = 'MENTOR')`;
  await db.$executeRawUnsafe(`
    INSERT INTO availability_rule (id, "mentorId", weekday, "startMinute", "endMinute")
    SELECT gen_random_uuid(), u.id, d, 540, 1080 FROM ${ranked} u
    CROSS JOIN generate_series(1, 7) d WHERE u.n % 10 = 0`);
  await db.$executeRawUnsafe(`
    UPDATE "user" SET languages = CASE WHEN u.n % 3 = 0 THEN ARRAY['en', 'fr'] ELSE ARRAY['en'] END
    FROM ${ranked} u WHERE u.id = "user".id`);
  await db.$executeRawUnsafe(`
    UPDATE mentor_profile SET "ratingCount" = 2, "ratingSum" = 6 + ((u.n + u.n / 10) % 5)
    FROM ${ranked} u WHERE u.id = mentor_profile."userId" AND u.n % 7 < 3`);
  await db.$executeRawUnsafe(`
    INSERT INTO skill (id, slug, name)
    SELECT 'sk-' || g, 'skill-' || g, 'Skill ' || g FROM generate_series(0, 6) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO user_skill ("userId", "skillId") SELECT u.id, 'sk-' || (u.n % 7) FROM ${ranked} u`);
  await db.$executeRawUnsafe(`
    INSERT INTO offering_option (id, "offeringId", "durationMinutes", "priceMinor", currency)
    SELECT 'usd-' || o.id, o.id, 30, 3000 + (u.n % 7) * 1000, 'USD'
    FROM offering o JOIN ${ranked} u ON u.id = o."mentorId" WHERE u.n % 4 = 0`);
  await refreshStaleSlots(db, { limit: mentors });
  await db.$executeRawUnsafe("ANALYZE");
  return null;
}

let platforms: Promise<{ small: Db; large: Db }> | undefined;
/** Seeded once for every group (1,000 mentors take about a minute). */
function bothPlatforms() {
  platforms ??= (async () => ({ small: await platform(100), large: await platform(1_000) }))();
  return platforms;
}

const options = process.env.BENCH_QUICK
  ? { time: 1_000, iterations: 30, warmupIterations: 5 }
  : { time: 3_000, iterations: 100, warmupIterations: 10 };

const within = { availableWithinDays: 7, limit: 12 } as const;
const groups: [string, Omit<DirectorySearch, "limit">, string?][] = [
  ["available within 7 days", within],
  ["available within 7 days, one skill", { ...within, skills: ["skill-1"] }],
  ["available within 7 days, in French", { ...within, language: "fr" }],
  [
    "available within 7 days, USD 30–60",
    { ...within, currency: "USD", priceMin: 3000, priceMax: 6000 },
  ],
  ["available within 7 days, rated 4+", { ...within, minRating: 4 }],
  ["available within 7 days, text in the name", { ...within, q: "mentor 1" }],
  ["available within 7 days, best rated first", { ...within, sort: "rating" }],
  ["available within 7 days, cheapest first", { ...within, sort: "price" }],
  ["available within 30 days, soonest first", { availableWithinDays: 30, sort: "soonest" }],
  [
    "evenings in New York within 14 days, soonest first",
    { availableWithinDays: 14, timesOfDay: ["evening"], sort: "soonest" },
    "America/New_York",
  ],
  ["mornings in Paris, any day", { timesOfDay: ["morning"] }, "Europe/Paris"],
  ["no filter (every listed mentor)", {}],
];

for (const [label, search, timezone = "UTC"] of groups) {
  test(`directory search, 1,000 mentors vs 100: ${label}`, async ({ bench }) => {
    const { small, large } = await bothPlatforms();
    // Like with like (decision 071): both sides show the same number of cards, as many as the
    // 100-mentor platform finds (up to 12; with 10 mentors in ten having hours it often finds
    // fewer), so the ratio is the search's growth, not two more cards to load and build.
    const found = await searchDirectory(small, { ...search, limit: 12 }, { timezone });
    const query = { ...search, limit: Math.max(found.items.length, 1) };
    const [smallCards, largeCards] = await Promise.all(
      [small, large].map(
        async (db) => (await searchDirectory(db, query, { timezone })).items.length,
      ),
    );
    if (smallCards !== largeCards) {
      throw new Error(`${label}: ${largeCards} cards at 1,000 mentors, ${smallCards} at 100`);
    }
    await bench.compare(
      bench(`1,000 mentors, first page (${largeCards} cards)`, async () => {
        await searchDirectory(large, query, { timezone });
      }),
      bench(`floor: 100 mentors, the same search (${smallCards} cards)`, async () => {
        await searchDirectory(small, query, { timezone });
      }),
      options,
    );
  }, 900_000);
}
