import { createPrismaClient, type Db } from "@mentora/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type PageWatch, uniqueEmail, watchPages } from "./browser.ts";
import "./context.ts";
import { createVerifiedUser, PASSWORD } from "./db.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

/**
 * Passkeys in a real Chromium, with its virtual authenticator (CDP WebAuthn domain: a platform
 * key with a PIN, as a laptop's would be). Its own server pair with ADMIN_REQUIRE_2FA=true: a
 * passkey sign-in must open the admin pages like a TOTP-verified session does.
 */
let servers: ServerPair;
let db: Db;
let browser: Browser;

beforeAll(async () => {
  servers = await startServerPair(inject("webDbRun"), {
    label: "passkeys",
    env: { ADMIN_REQUIRE_2FA: "true", FRESH_SESSION_MINUTES: "15" },
  });
  db = createPrismaClient({ connectionString: servers.databaseUrl });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await servers?.stop();
});

/** A user-verifying platform authenticator on this page's tab. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * The header's button, in the account menu; waits for its redirect home, so no later navigation
 * races with it.
 */
async function signOut(page: Page, watch: PageWatch) {
  const accountMenu = page.getByTestId("account-menu");
  await accountMenu.locator("summary").click();
  await accountMenu.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.waitForLoadState("networkidle");
  await watch.check();
}

describe("passkeys (ADMIN_REQUIRE_2FA=true)", () => {
  it("an admin adds a passkey, signs in with it and acts as admin; once deleted it signs in no more", async () => {
    const email = uniqueEmail("passkey-admin");
    const admin = await createVerifiedUser(
      { name: "Pia Passkey", email },
      { baseUrl: servers.baseUrl, db },
    );
    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });

    const context = await browser.newContext({
      baseURL: servers.baseUrl,
      locale: "en-US",
      timezoneId: "Europe/Paris",
    });
    const page = await context.newPage();
    const watch = watchPages(page);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);

    // Password sign-in: the admin pages send a session without a second factor to set one up.
    await page.goto("/sign-in?redirectTo=%2Fadmin%2Fpayouts");
    await page.waitForLoadState("networkidle");
    await watch.check();
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/account/two-factor?redirectTo=%2Fadmin%2Fpayouts");
    await page.waitForLoadState("networkidle");
    await watch.check();

    await page.getByLabel("Name of the new passkey").fill("Work laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Passkey added." }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByTestId("passkey").allTextContents())
      .toEqual([expect.stringContaining("Work laptop")]);
    const stored = await db.passkey.findFirstOrThrow({ where: { userId: admin.id } });
    expect(stored.name).toBe("Work laptop");
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    // Adding the key did not make this password session a second-factor one.
    await page.goto("/admin/payouts");
    await page.waitForURL("**/account/two-factor?redirectTo=%2Fadmin%2Fpayouts");
    await page.waitForLoadState("networkidle");
    await watch.check();

    await signOut(page, watch);
    await page.goto("/sign-in?redirectTo=%2Fadmin%2Fpayouts");
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.waitForURL("**/admin/payouts");
    await page.waitForLoadState("networkidle");
    // A client-side navigation: the URL may change just before the page renders.
    await expect
      .poll(() => page.getByRole("heading", { level: 1, name: "Payouts", exact: true }).count())
      .toBe(1);
    expect(new URL(page.url()).pathname).toBe("/admin/payouts");
    await watch.check();
    const sessions = await db.session.findMany({ where: { userId: admin.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.twoFactorVerified).toBe(true);

    // Re-authentication with the key: a new verified session replaces the old one.
    await page.goto("/reauth?redirectTo=%2Fadmin%2Fpayouts");
    await page.waitForLoadState("networkidle");
    await watch.check();
    await page.getByRole("button", { name: "Confirm with a passkey" }).click();
    await page.waitForURL("**/admin/payouts");
    await page.waitForLoadState("networkidle");
    await expect
      .poll(() => page.getByRole("heading", { level: 1, name: "Payouts", exact: true }).count())
      .toBe(1);
    const renewed = await db.session.findMany({ where: { userId: admin.id } });
    expect(renewed).toHaveLength(1);
    expect(renewed[0]?.id).not.toBe(sessions[0]?.id);
    expect(renewed[0]?.twoFactorVerified).toBe(true);

    // Delete it from the account page; the key still on the device no longer opens anything.
    await page.goto("/account/two-factor");
    await page.waitForLoadState("networkidle");
    await watch.check();
    await page.getByRole("button", { name: "Delete" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Passkey deleted." }).count())
      .toBe(1);
    expect(await db.passkey.count({ where: { userId: admin.id } })).toBe(0);
    await signOut(page, watch);
    await page.goto("/sign-in?redirectTo=%2Fadmin%2Fpayouts");
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect
      .poll(() =>
        page.getByRole("alert").filter({ hasText: "The passkey could not be used" }).count(),
      )
      .toBe(1);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await db.session.count({ where: { userId: admin.id } })).toBe(0);
    await watch.check();

    watch.done();
    await context.close();
  });
});
