import { afterAll, test } from "vitest";
import type { App } from "../app/index.ts";
import { createUser } from "../bookings/testing/bookings.ts";
import { contextFor, createTestApp } from "../testing/index.ts";
import { createCaller } from "./router.ts";

// What one tRPC mutation costs through the procedure stack (rate limit per user in Postgres,
// metrics, error mapping) side by side with its floor: the same UPDATE through Prisma. Run on a
// commit before the limiter and after it to see what the limiter adds (docs/performance.md).
let app: App | undefined;
afterAll(async () => {
  await app?.close();
});

test("a tRPC mutation against its SQL", async ({ bench }) => {
  app = await createTestApp({ RATE_LIMITS: "mutation=100000000" });
  const user = await createUser(app, "Bench Person");
  const context = await contextFor(app);
  const caller = createCaller({
    ...context,
    session: { user, session: { id: `s-${user.id}`, userId: user.id, createdAt: new Date() } },
  } as never);
  const prisma = app.prisma;
  await bench.compare(
    bench("account.updatePreferences through tRPC", async () => {
      await caller.account.updatePreferences({ locale: "en", timezone: "Europe/Paris" });
    }),
    bench("floor: the same UPDATE through Prisma", async () => {
      await prisma.user.update({
        where: { id: user.id },
        data: { locale: "en", timezone: "Europe/Paris" },
      });
    }),
  );
});
