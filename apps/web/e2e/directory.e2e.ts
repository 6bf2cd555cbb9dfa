import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  launchBrowser,
  type PageWatch,
  screenshot,
  uniqueEmail,
  watchPages,
} from "./browser.ts";
import { addPaidOffering, closeTestDb, createMentor, testDb } from "./db.ts";

// Three mentors whose names share a token no other test uses, so the directory's answers are
// exactly theirs: two speak English and French, one Spanish only.
const token = `Zy${randomBytes(3).toString("hex")}`;
const names = {
  ana: `Ana ${token}`,
  bea: `Bea ${token}`,
  cruz: `Cruz ${token}`,
};

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  for (const [key, name] of Object.entries(names)) {
    const mentor = await createMentor({ name, email: uniqueEmail(key) });
    await addPaidOffering(mentor.id);
    if (key === "cruz") {
      await testDb().user.update({ where: { id: mentor.id }, data: { languages: ["es"] } });
    }
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await closeTestDb();
});

async function openPage(
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; watch: PageWatch }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: "en-US",
    timezoneId: "Europe/Paris",
    ...options,
  });
  contexts.push(context);
  const page = await context.newPage();
  // A step that cannot happen fails with its own message, long before the test's timeout.
  page.setDefaultTimeout(20_000);
  return { page, watch: watchPages(page) };
}

const cardNames = async (page: Page) =>
  (await page.getByTestId("mentor-card").getByRole("heading").allInnerTexts()).sort();

describe("the directory in a browser", () => {
  it("follows the search box as one types, and keeps the URL in step", async () => {
    const { page, watch } = await openPage();
    await page.goto("/mentors");
    await page.waitForLoadState("networkidle");
    await watch.check();
    await page.getByLabel("Search mentors").pressSequentially(token, { delay: 30 });
    // No button pressed: the debounced search replaces the URL and the results.
    await page.waitForURL((url) => url.searchParams.get("q") === token);
    await page.getByRole("heading", { name: "3 mentors" }).waitFor();
    expect(await cardNames(page)).toEqual([names.ana, names.bea, names.cruz]);
    // Every card says when the mentor is next free, in the viewer's zone.
    const card = page.getByTestId("mentor-card").filter({ hasText: names.ana });
    expect(await card.textContent()).toMatch(/Next available: \w{3}, \w{3} \d{1,2}, \d{2}:\d{2}/);
    await page.getByLabel("Search mentors").pressSequentially(" nobody", { delay: 30 });
    await page.getByText("No mentor matches these filters").waitFor();
    await watch.check();
    watch.done();
  });

  it("opens the filters on a phone and narrows the results by language", async () => {
    const { page, watch } = await openPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`/mentors?q=${token}`);
    await page.waitForLoadState("networkidle");
    const panel = page.getByRole("complementary", { name: "Filters" });
    expect(await panel.isVisible()).toBe(false);
    await page.getByRole("link", { name: "Filters" }).click();
    await panel.waitFor({ state: "visible" });
    await watch.check();
    await panel.getByLabel("Language").selectOption("es");
    await page.waitForURL((url) => url.searchParams.get("language") === "es");
    await page.getByRole("heading", { name: "1 mentor", exact: true }).waitFor();
    expect(await cardNames(page)).toEqual([names.cruz]);
    // The panel stayed open on its address while the results followed.
    expect(await panel.isVisible()).toBe(true);
    await screenshot(page, "directory-phone.png");
    await watch.check();
    watch.done();
  });

  it("filters without JavaScript: a plain GET form, and suggests which filter to remove", async () => {
    // No axe here: it runs as a script in the page (the JS runs check the same page).
    const { page } = await openPage({ javaScriptEnabled: false });
    await page.goto("/mentors");
    const form = page.getByRole("form", { name: "Search filters" });
    await page.getByLabel("Search mentors").fill(token);
    await form.getByLabel("Language").selectOption("fr");
    await page.getByLabel("Evening (17–24)").check();
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("language") === "fr");
    expect(new URL(page.url()).searchParams.getAll("time")).toEqual(["evening"]);
    // Ana and Bea (English and French, free 07–22 Paris time every day) match; Cruz does not.
    expect(await cardNames(page)).toEqual([names.ana, names.bea]);

    await form.getByLabel("Language").selectOption("de");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText("No mentor matches these filters").waitFor();
    // Without the language all three match (the time of day stays).
    const suggestion = page.getByRole("link", { name: /Remove “language” \(mentors: 3\)/ });
    await suggestion.click();
    await page.waitForURL((url) => !url.searchParams.has("language"));
    expect(await cardNames(page)).toEqual([names.ana, names.bea, names.cruz]);
    await screenshot(page, "directory-nojs.png");
  });
});

describe("the home page", () => {
  it("shows featured mentors with their next free time and skills that lead into the directory", async () => {
    for (const viewport of [
      { width: 360, height: 740 },
      { width: 1280, height: 800 },
    ]) {
      const { page, watch } = await openPage({ viewport });
      await page.goto("/");
      await page.waitForLoadState("networkidle");
      await page.getByRole("heading", { name: "How it works" }).waitFor();
      await page.getByRole("heading", { name: "Why people trust Mentora" }).waitFor();
      const featured = page
        .getByRole("region", { name: "Mentors with free time this week" })
        .getByTestId("mentor-card");
      expect(await featured.count()).toBeGreaterThan(0);
      expect(await featured.first().textContent()).toContain("Next available:");
      await screenshot(page, `home-${viewport.width}.png`);
      await watch.check();
      await page.getByRole("link", { name: /^TypeScript \(\d+\)$/ }).click();
      await page.waitForURL((url) => url.searchParams.get("skill") === "typescript");
      await page.getByTestId("mentor-card").first().waitFor();
      await watch.check();
      watch.done();
    }
  });
});

describe("a search past 100 mentors", () => {
  it("says 100+ and pages by Next and Previous, without JavaScript", async () => {
    // Listed straight in the database (the triggers list them): 105 names sharing one token.
    const crowd = `Crowd${randomBytes(3).toString("hex")}`;
    const ids = Array.from({ length: 105 }, () => `crowd-${randomBytes(6).toString("hex")}`);
    const db = testDb();
    await db.user.createMany({
      data: ids.map((id, index) => ({
        id,
        name: `${crowd} ${String(index).padStart(3, "0")}`,
        email: `${id}@crowd.test`,
        role: "MENTOR" as const,
      })),
    });
    await db.mentorProfile.createMany({
      data: ids.map((userId) => ({ userId, status: "APPROVED" })),
    });

    const { page } = await openPage({ javaScriptEnabled: false });
    await page.goto(`/mentors?q=${crowd}`);
    await page.getByRole("heading", { name: "100+ mentors" }).waitFor();
    const names = async () => page.getByTestId("mentor-card").getByRole("heading").allInnerTexts();
    const first = await names();
    expect(first).toHaveLength(12);
    const pagination = page.getByRole("navigation", { name: "Result pages" });
    expect(await pagination.textContent()).toContain("Showing 12 of 100+");
    // The first page has nothing before it.
    expect(await pagination.getByRole("link", { name: "Previous mentors" }).count()).toBe(0);

    // Follows a pagination link and waits for its page (a full navigation without JavaScript).
    const follow = async (name: string) => {
      const link = pagination.getByRole("link", { name });
      const href = (await link.getAttribute("href")) ?? "";
      await link.click();
      await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
      return names();
    };
    const second = await follow("Next mentors");
    expect(second).toHaveLength(12);
    expect(second.some((name) => first.includes(name))).toBe(false);
    const third = await follow("Next mentors");
    expect(third.some((name) => second.includes(name))).toBe(false);

    // Previous walks back the same pages, to the first (whose Previous is gone again).
    expect(await follow("Previous mentors")).toEqual(second);
    expect(await follow("Previous mentors")).toEqual(first);
    expect(await pagination.getByRole("link", { name: "Previous mentors" }).count()).toBe(0);
    await page.getByRole("heading", { name: "100+ mentors" }).waitFor();

    // Under the cap the count is exact: "<crowd> 10" is in 5 names (100 to 104).
    await page.goto(`/mentors?q=${crowd}%2010`);
    await page.getByRole("heading", { name: "5 mentors" }).waitFor();
    expect(await names()).toHaveLength(5);
  });
});
