/**
 * `pnpm screenshots`: the BUILT app on fresh demo data (a throw-away embedded Postgres, the
 * demo seed of `pnpm dev`), and full-page screenshots of the main pages at a phone's 360 px and a
 * desktop's 1280 px into docs/screenshots/, with the packaged Chromium of the browser tests.
 * Run `pnpm --filter @mentora/web build` first. `--dark` adds the dark scheme.
 */
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedDemoAvatars } from "@mentora/core/avatars";
import { loadConfig } from "@mentora/core/config";
import { createPrismaClient } from "@mentora/db";
import { startEmbeddedPostgres } from "@mentora/db/embedded";
import { applyMigrations } from "@mentora/db/migrations";
import { demoPassword, demoUsers, seedDemoData } from "@mentora/db/seed";
import { createFileStorage } from "@mentora/files";
import { type Browser, chromium, type Page } from "playwright-core";
import { chromiumExecutable } from "../e2e/chromium.ts";
import { freePort, spawnNode, waitForHealthy } from "../e2e/processes.ts";

const webDir = path.resolve(import.meta.dirname, "..");
const repoDir = path.resolve(webDir, "../..");
const outDir = path.join(repoDir, "docs/screenshots");
const widths = [360, 1280] as const;
const schemes: ("light" | "dark")[] = process.argv.includes("--dark")
  ? ["light", "dark"]
  : ["light"];

interface Shot {
  name: string;
  /** Signed in as this demo account, or anonymous. */
  as?: string;
  /** Brings the page to the state to capture; returns false when it cannot (it is skipped). */
  open(page: Page): Promise<boolean>;
}

async function visit(page: Page, to: string): Promise<boolean> {
  const response = await page.goto(to);
  await page.waitForLoadState("networkidle");
  return response?.ok() ?? false;
}

/** The first mentor of the directory's first card (whatever the directory's markup is). */
async function firstMentorPath(page: Page): Promise<string | null> {
  await visit(page, "/mentors");
  const href = await page
    .locator('main a[href^="/mentors/"]')
    .first()
    .getAttribute("href")
    .catch(() => null);
  return href;
}

const shots: Shot[] = [
  { name: "home", open: (page) => visit(page, "/") },
  { name: "directory", open: (page) => visit(page, "/mentors") },
  {
    name: "mentor",
    open: async (page) => {
      const href = await firstMentorPath(page);
      return href ? visit(page, href) : false;
    },
  },
  {
    name: "booking-confirmation",
    as: "mentee1@mentora.test",
    open: async (page) => {
      const href = await firstMentorPath(page);
      if (!href || !(await visit(page, href))) return false;
      const slot = page.getByTestId("slot").first();
      if ((await slot.count()) === 0) return false;
      await slot.click();
      await page.waitForLoadState("networkidle");
      return true;
    },
  },
  { name: "bookings", as: "mentee1@mentora.test", open: (page) => visit(page, "/bookings") },
  { name: "mentor-dashboard", as: "mentor1@mentora.test", open: (page) => visit(page, "/mentor") },
  { name: "wallet", as: "mentee1@mentora.test", open: (page) => visit(page, "/wallet") },
  { name: "admin", as: "admin@mentora.test", open: (page) => visit(page, "/admin") },
  { name: "design-system", open: (page) => visit(page, "/design") },
];

async function signIn(page: Page, email: string): Promise<void> {
  await visit(page, "/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in");
}

async function capture(browser: Browser, baseURL: string): Promise<string[]> {
  const written: string[] = [];
  for (const scheme of schemes) {
    for (const width of widths) {
      // One browser context per account: its session cookie is reused by its pages.
      const accounts = new Map<string, Awaited<ReturnType<Browser["newContext"]>>>();
      const contextFor = async (as: string | undefined) => {
        const key = as ?? "";
        const existing = accounts.get(key);
        if (existing) return existing;
        const context = await browser.newContext({
          baseURL,
          locale: "en-US",
          timezoneId: "Europe/Paris",
          colorScheme: scheme,
          viewport: { width, height: width < 600 ? 780 : 900 },
          deviceScaleFactor: 1,
        });
        if (as) await signIn(await context.newPage(), as);
        accounts.set(key, context);
        return context;
      };
      for (const shot of shots) {
        const page = await (await contextFor(shot.as)).newPage();
        try {
          if (!(await shot.open(page))) {
            process.stdout.write(
              `skipped ${shot.name} at ${width}px (${scheme}): page not ready\n`,
            );
            continue;
          }
          const suffix = scheme === "dark" ? "-dark" : "";
          const file = path.join(outDir, `${shot.name}-${width}${suffix}.png`);
          await page.screenshot({ path: file, fullPage: true });
          written.push(path.relative(repoDir, file));
        } catch (error) {
          process.stdout.write(
            `skipped ${shot.name} at ${width}px (${scheme}): ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`,
          );
        } finally {
          await page.close();
        }
      }
      for (const context of accounts.values()) await context.close();
    }
  }
  return written;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(tmpdir(), `mentora-screenshots-${process.pid}`),
    persistent: false,
  });
  const stops: (() => Promise<void>)[] = [() => postgres.stop()];
  try {
    await applyMigrations({ databaseUrl: postgres.url });
    // Uploaded files (the demo portraits) in a throw-away folder the web process reads too.
    const filesDir = path.join(tmpdir(), `mentora-screenshots-files-${process.pid}`);
    const prisma = createPrismaClient({ connectionString: postgres.url });
    try {
      await seedDemoData(prisma);
      // The portraits `pnpm dev` draws on first start.
      const config = loadConfig({
        ...process.env,
        NODE_ENV: "development",
        DATABASE_URL: postgres.url,
        FILES_DIR: filesDir,
      });
      await seedDemoAvatars(
        { prisma, files: createFileStorage(config.fileStorage) },
        demoUsers.filter((user) => user.role === "MENTOR").map((user) => user.email),
      );
    } finally {
      await prisma.$disconnect();
    }
    const port = await freePort();
    const baseURL = `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Development: the demo's sandbox gateway, the dev outbox and the /design page.
      NODE_ENV: "development",
      DATABASE_URL: postgres.url,
      FILES_DIR: filesDir,
      PORT: String(port),
      PUBLIC_URL: baseURL,
      LOG_LEVEL: "warn",
    };
    const web = spawnNode("web", ["server.ts"], { cwd: webDir, env });
    const worker = spawnNode("worker", ["apps/worker/src/main.ts"], { cwd: repoDir, env });
    stops.unshift(
      () => web.stop(),
      () => worker.stop(),
    );
    await waitForHealthy(`${baseURL}/healthz`, [web, worker]);
    const { executablePath, env: browserEnv } = await chromiumExecutable();
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      env: { ...process.env, ...browserEnv },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
    stops.unshift(() => browser.close());
    const written = await capture(browser, baseURL);
    process.stdout.write(`${written.length} screenshots:\n${written.join("\n")}\n`);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

await main();
