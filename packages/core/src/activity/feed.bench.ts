import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import { createSeededTestApp } from "../testing/index.ts";
import { readActivityFeed } from "./feed.ts";

// Feeds on BENCH_SCALE × 200,000 entries: 2,000 people's feeds (100 entries each) plus a
// platform feed of a tenth of them. A page must cost a range read on the (feed, [kind,]
// occurredAt, id) indexes however big the table grows and however deep the page.
const scale = Number(process.env.BENCH_SCALE ?? 1);
const timezone = "Europe/Paris";
let app: App | undefined;
afterAll(async () => {
  await app?.close();
});

/** Seeded once per `pnpm bench` run and cloned in later rounds (decision 080). */
async function ready(): Promise<App> {
  if (app) return app;
  ({ app } = await createSeededTestApp(`activity feed: ${scale * 200_000} entries`, seedFeed));
  return app;
}

async function seedFeed(app: App): Promise<null> {
  // In chunks of 100,000 rows: 2,000,000 in one statement (BENCH_SCALE=10) outlasted the app's
  // 15 s statement timeout on these shared cores (decision 074).
  const total = scale * 200_000;
  for (let first = 1; first <= total; first += 100_000) {
    const last = Math.min(total, first + 99_999);
    await app.prisma.$executeRaw`
      INSERT INTO activity_entry (id, feed, "eventId", "eventType", kind, "occurredAt", data)
      SELECT gen_random_uuid(),
             CASE WHEN i % 10 = 0 THEN ':platform' ELSE 'bench-user-' || (i % 2000) END,
             gen_random_uuid(), 'earnings.released',
             (ARRAY['session','payment','refund','booking'])[1 + i % 4],
             now() - make_interval(mins => i), '{}'::jsonb
      FROM generate_series(${first}::int, ${last}::int) AS i`;
  }
  await app.prisma.$executeRaw`ANALYZE activity_entry`;
  return null;
}

test("a person's feed and the platform feed vs a 26-row range read", async ({ bench }) => {
  const { prisma } = await ready();
  const person = { userId: "bench-user-7" };
  let deep: string | undefined;
  for (let page = 0; page < 3; page += 1) {
    deep =
      (
        await readActivityFeed(prisma, {
          owner: person,
          filters: {},
          page: { limit: 25, cursor: deep },
          timezone,
        })
      ).nextCursor ?? undefined;
  }
  let platformDeep: string | undefined;
  for (let page = 0; page < 40; page += 1) {
    platformDeep =
      (
        await readActivityFeed(prisma, {
          owner: { platform: true },
          filters: {},
          page: { limit: 25, cursor: platformDeep },
          timezone,
        })
      ).nextCursor ?? undefined;
  }
  await bench.compare(
    bench("person: first page", async () => {
      await readActivityFeed(prisma, { owner: person, filters: {}, page: { limit: 25 }, timezone });
    }),
    bench("person: page 4", async () => {
      await readActivityFeed(prisma, {
        owner: person,
        filters: {},
        page: { limit: 25, cursor: deep },
        timezone,
      });
    }),
    bench("person: kind and period filter", async () => {
      await readActivityFeed(prisma, {
        owner: person,
        filters: { kind: "payment", from: "2020-01-01", to: "2099-12-31" },
        page: { limit: 25 },
        timezone,
      });
    }),
    bench("platform: page 41", async () => {
      await readActivityFeed(prisma, {
        owner: { platform: true },
        filters: {},
        page: { limit: 25, cursor: platformDeep },
        timezone,
      });
    }),
    bench("floor: 26 newest entries of one person in SQL", async () => {
      await prisma.$queryRaw`
        SELECT id FROM activity_entry WHERE feed = 'bench-user-7'
        ORDER BY "occurredAt" DESC, id DESC LIMIT 26`;
    }),
  );
}, 900_000);
