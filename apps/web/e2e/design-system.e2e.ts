import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, screenshot, uniqueEmail, watchPages } from "./browser.ts";
import { closeTestDb, createMentor, createVerifiedUser, PASSWORD, testDb } from "./db.ts";

/**
 * The design system (decision 046) against the BUILT server: the shell's pages are axe-clean
 * (contrast included) in the light and the dark scheme at a phone's 360 px and a desktop's
 * 1280 px, no page scrolls sideways on the phone, the dark scheme really changes the colours,
 * the phone's menu and the account menu work without JavaScript, and /design renders every
 * component.
 */
let browser: Browser;
const contexts: BrowserContext[] = [];
const mentee = { name: "Dana Scully", email: uniqueEmail("design-mentee") };
const mentor = { name: "Fox Mulder", email: uniqueEmail("design-mentor") };
const admin = { name: "Walter Skinner", email: uniqueEmail("design-admin") };

beforeAll(async () => {
  browser = await launchBrowser();
  await createVerifiedUser(mentee);
  await createMentor(mentor);
  const created = await createVerifiedUser(admin);
  await testDb().user.update({ where: { id: created.id }, data: { role: "ADMIN" } });
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await closeTestDb();
});

type Scheme = "light" | "dark";

async function context(options: {
  scheme: Scheme;
  width: number;
  javaScript?: boolean;
}): Promise<BrowserContext> {
  const created = await browser.newContext({
    baseURL: baseUrl(),
    locale: "en-US",
    timezoneId: "Europe/Paris",
    colorScheme: options.scheme,
    viewport: { width: options.width, height: 800 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  contexts.push(created);
  return created;
}

/** Signs in through better-auth's endpoint and hands the cookie to the browser context. */
async function signIn(target: BrowserContext, email: string): Promise<void> {
  const response = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const url = new URL(baseUrl());
  await target.addCookies(
    response.headers.getSetCookie().map((cookie) => {
      const [pair = ""] = cookie.split(";");
      const index = pair.indexOf("=");
      return {
        name: pair.slice(0, index),
        value: pair.slice(index + 1),
        domain: url.hostname,
        path: "/",
        httpOnly: true,
        sameSite: "Lax" as const,
      };
    }),
  );
}

async function visit(page: Page, to: string): Promise<void> {
  const response = await page.goto(to);
  expect(response?.status(), to).toBe(200);
  await page.waitForLoadState("networkidle");
}

/** Nothing wider than the viewport: a phone never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${new URL(page.url()).pathname} at ${width}px`).toBeLessThanOrEqual(width);
}

/** The page's background colour: the `bg` token of the scheme in use. */
function backgroundOf(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

const anonymousPages = ["/", "/mentors", "/sign-in", "/sign-up", "/forgot-password", "/design"];
const menteePages = [
  "/account",
  "/bookings",
  "/wallet",
  "/receipts",
  "/notifications",
  "/activity",
];

describe("the shell in both schemes and at both widths", () => {
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [360, 1280]) {
      it(`is axe-clean in the ${scheme} scheme at ${width}px`, async () => {
        const anonymous = await (await context({ scheme, width })).newPage();
        const watch = watchPages(anonymous);
        for (const path of anonymousPages) {
          await visit(anonymous, path);
          await watch.check();
          await expectNoSidewaysScroll(anonymous, width);
        }
        // The scheme reaches the page: the dark tokens are not the light ones.
        expect(await backgroundOf(anonymous)).toBe(
          scheme === "dark" ? "rgb(11, 17, 32)" : "rgb(246, 247, 251)",
        );
        watch.done();

        const signedIn = await context({ scheme, width });
        await signIn(signedIn, mentee.email);
        const page = await signedIn.newPage();
        const menteeWatch = watchPages(page);
        for (const path of menteePages) {
          await visit(page, path);
          await menteeWatch.check();
          await expectNoSidewaysScroll(page, width);
        }
        // The menus open (the phone's menu, or the desktop's account menu) and stay clean.
        const menu = page.getByTestId(width < 1024 ? "mobile-menu" : "account-menu");
        await menu.locator("summary").click();
        await page.getByRole("button", { name: "Sign out" }).waitFor();
        await menteeWatch.check();
        await screenshot(page, `shell-${scheme}-${width}.png`);
        menteeWatch.done();

        const mentorContext = await context({ scheme, width });
        await signIn(mentorContext, mentor.email);
        const mentorPage = await mentorContext.newPage();
        const mentorWatch = watchPages(mentorPage);
        for (const path of ["/mentor", "/mentor/profile", "/mentor/offerings"]) {
          await visit(mentorPage, path);
          await mentorWatch.check();
          await expectNoSidewaysScroll(mentorPage, width);
        }
        mentorWatch.done();

        const adminContext = await context({ scheme, width });
        await signIn(adminContext, admin.email);
        const adminPage = await adminContext.newPage();
        const adminWatch = watchPages(adminPage);
        for (const path of ["/admin", "/admin/payments", "/admin/payouts"]) {
          await visit(adminPage, path);
          await adminWatch.check();
        }
        adminWatch.done();
      });
    }
  }
});

describe("the shell without JavaScript", () => {
  it("a phone's menu opens and navigates, and the account menu signs out", async () => {
    const phone = await context({ scheme: "light", width: 360, javaScript: false });
    await signIn(phone, mentee.email);
    const page = await phone.newPage();
    await visit(page, "/account");
    // The desktop navigation is hidden on a phone: only the menu's is there.
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    expect(await nav.count()).toBe(0);
    await page.getByTestId("mobile-menu").locator("summary").click();
    await nav.getByRole("link", { name: "My bookings" }).click();
    await page.waitForURL("**/bookings");
    await page.getByTestId("mobile-menu").locator("summary").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByTestId("mobile-menu").locator("summary").click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
  });

  it("the desktop's account menu opens without JavaScript", async () => {
    const desktop = await context({ scheme: "light", width: 1280, javaScript: false });
    await signIn(desktop, mentee.email);
    const page = await desktop.newPage();
    await visit(page, "/bookings");
    const signOut = page.getByRole("button", { name: "Sign out" });
    expect(await signOut.isVisible()).toBe(false);
    const summary = page.getByTestId("account-menu").locator("summary");
    expect(await summary.textContent()).toContain("Dana Scully");
    await summary.click();
    expect(await signOut.isVisible()).toBe(true);
    await page.getByTestId("account-menu").getByRole("link", { name: "Wallet" }).click();
    await page.waitForURL("**/wallet");
  });
});

describe("/design", () => {
  it("shows every component in both schemes, and the dark column is dark", async () => {
    const page = await (await context({ scheme: "light", width: 1280 })).newPage();
    const watch = watchPages(page);
    await visit(page, "/design");
    await watch.check();
    const gallery = page.getByTestId("design-system");
    for (const heading of ["Light", "Dark"]) {
      await gallery.getByRole("heading", { name: heading, level: 2 }).waitFor();
    }
    const darkBackground = await page
      .locator("section.scheme-dark")
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(darkBackground).toBe("rgb(11, 17, 32)");
    // A field's error is announced with it.
    const email = page.getByRole("textbox", { name: "Email address" }).first();
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
    const error = page.locator(`[id="${describedBy.split(" ").at(-1)}"]`);
    expect(await error.textContent()).toBe("Enter a valid email address.");
    // Radix widgets: a dialog traps focus and Escape closes it; a toast is announced.
    await page.getByRole("button", { name: "Cancel a booking…" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Cancel this booking?" });
    await dialog.waitFor();
    // (No axe run while a modal is open: Radix hides the rest of the page with aria-hidden, which
    // axe reports although focus cannot leave the dialog.)
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Actions" }).first().click();
    await page.getByRole("menuitem", { name: "Reschedule" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Show a toast" }).first().click();
    // (exact: the toast's title, not Radix's live-region announcement of it, briefly there too)
    await page.getByText("Booking confirmed", { exact: true }).waitFor();
    await page.getByRole("tab", { name: "Past" }).first().click();
    await page.getByText("Twelve sessions completed.").first().waitFor();
    await watch.check();
    await screenshot(page, "design-system.png");
    watch.done();
  });
});

describe("errors in the browser", () => {
  it("a fetch the browser aborted is not a page error; any other unhandled rejection still is", async () => {
    const page = await (await context({ scheme: "light", width: 1280 })).newPage();
    const watch = watchPages(page);
    await visit(page, "/");
    await watch.check();
    // What a navigation cutting a loader run short leaves behind in Remix's data stream.
    const reported = page.waitForEvent("pageerror");
    await page.evaluate(() => {
      void Promise.reject(new DOMException("BodyStreamBuffer was aborted", "AbortError"));
      void Promise.reject(new Error("a real failure"));
    });
    await reported;
    const problems = (() => {
      try {
        watch.done();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(problems).toContain("a real failure");
    expect(problems).not.toContain("BodyStreamBuffer");
  });
});
