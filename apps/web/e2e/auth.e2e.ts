import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  launchBrowser,
  newContext,
  type PageWatch,
  screenshot,
  uniqueEmail,
  watchPages,
} from "./browser.ts";

const PASSWORD = "correct horse battery";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
});

async function openPage(locale = "en-US"): Promise<{ page: Page; watch: PageWatch }> {
  const context = await newContext(browser, locale);
  contexts.push(context);
  const page = await context.newPage();
  return { page, watch: watchPages(page) };
}

async function pathOf(page: Page): Promise<string> {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/**
 * The verification email is sent by the worker (the `email.send` job): reload the outbox until
 * it is there.
 */
async function openVerificationEmail(page: Page, watch: PageWatch, email: string) {
  const row = page.getByRole("row").filter({ hasText: email });
  const deadline = Date.now() + 45_000;
  for (;;) {
    if ((await row.count()) > 0) break;
    if (Date.now() > deadline) throw new Error(`no email to ${email} in the outbox after 45 s`);
    await page.waitForTimeout(500);
    await page.reload();
  }
  await watch.check();
  await row.first().getByRole("link").click();
  await page.waitForURL(/\/dev\/outbox\/[^/]+$/);
  await page.getByRole("heading", { level: 1 }).waitFor();
  expect(await page.getByText(email).count()).toBeGreaterThan(0);
  await watch.check();
  await screenshot(page, "outbox-email.png");
}

/** Sign up through the form, open the mail in the dev outbox and click its link. */
async function signUpAndVerify(
  page: Page,
  watch: PageWatch,
  user: { name: string; email: string },
) {
  await page.goto("/sign-up");
  await watch.check();
  await page.getByLabel("Full name").fill(user.name);
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  await watch.check();

  await page.getByRole("link", { name: "Open the dev outbox" }).click();
  await page.waitForURL("**/dev/outbox");
  await openVerificationEmail(page, watch, user.email);

  await page.getByRole("link", { name: /verify-email/ }).click();
  await page.waitForURL("**/sign-in?verified=1");
  await page.getByText("Email verified, you can sign in.").waitFor();
  await watch.check();
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

describe("the web portal in a browser", () => {
  it("answers /healthz", async () => {
    const response = await fetch(`${baseUrl()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("signs up, verifies the email from the dev outbox, signs in and manages the account", async () => {
    const { page, watch } = await openPage();
    const user = { name: "Ada Lovelace", email: uniqueEmail("ada") };

    await page.goto("/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await watch.check();

    // Invalid input first: every field says what is wrong, in words.
    await page.goto("/sign-up");
    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.getByText("This field is required.").waitFor();
    await page.getByText("Enter a valid email address, like name@example.com.").waitFor();
    await page.getByText("Use at least 8 characters.").waitFor();
    expect(await page.getByLabel("Full name").getAttribute("aria-invalid")).toBe("true");
    await watch.check();

    await signUpAndVerify(page, watch, user);

    // A wrong password reads as a clear message, not a code.
    await signIn(page, user.email, "wrong password!");
    await page.getByText("The email or password is incorrect.").waitFor();
    await watch.check();

    await signIn(page, user.email);
    await page.waitForURL("**/account");
    await page.getByRole("heading", { name: "Your account" }).waitFor();
    expect(await page.getByTestId("account-name").textContent()).toBe(user.name);
    expect(await page.getByTestId("account-email").textContent()).toBe(user.email);
    await watch.check();
    await screenshot(page, "account.png");

    // Interactive pieces talk tRPC from the browser: no page load may happen from here on.
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
    });
    const stillSamePage = () =>
      page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload === true);

    await page.getByLabel("Timezone").selectOption("America/New_York");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await page.getByText("Preferences saved.").waitFor();
    expect(await stillSamePage()).toBe(true);

    // A second device signs in; this one signs it out.
    const other = await openPage();
    await other.page.goto("/sign-in");
    await other.watch.check();
    await signIn(other.page, user.email);
    await other.page.waitForURL("**/account");
    await other.watch.check();

    await page.getByRole("button", { name: "Refresh list" }).click();
    await expect.poll(() => page.getByTestId("session").count()).toBe(2);
    await page.getByRole("button", { name: "Sign out this device" }).click();
    await page.getByText("The device was signed out.").waitFor();
    expect(await page.getByTestId("session").count()).toBe(1);
    expect(await stillSamePage()).toBe(true);
    await watch.check();

    await other.page.goto("/account");
    await other.page.waitForURL("**/sign-in?redirectTo=%2Faccount");
    other.watch.done();

    // Switching the language re-renders the page in French, still without a reload.
    await page.getByLabel("Language").selectOption("fr");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await page.getByRole("heading", { name: "Votre compte" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await stillSamePage()).toBe(true);
    await watch.check();

    // Sign out from the header's account menu: the signed-out pages stay in French (a language
    // cookie).
    const accountMenu = page.getByTestId("account-menu");
    await accountMenu.locator("summary").click();
    await accountMenu.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await page.getByRole("link", { name: "Se connecter" }).waitFor();
    await watch.check();
    watch.done();
  });

  it("sends an anonymous visitor of /account to sign in, then back to /account", async () => {
    const { page, watch } = await openPage();
    const user = { name: "Grace Hopper", email: uniqueEmail("grace") };
    await signUpAndVerify(page, watch, user);

    const anonymous = await openPage();
    await anonymous.page.goto("/account");
    await anonymous.page.waitForURL("**/sign-in?redirectTo=%2Faccount");
    expect(await pathOf(anonymous.page)).toBe("/sign-in?redirectTo=%2Faccount");
    await anonymous.page.getByText("Please sign in to continue.").waitFor();
    await anonymous.watch.check();

    await signIn(anonymous.page, user.email);
    await anonymous.page.waitForURL("**/account");
    expect(await pathOf(anonymous.page)).toBe("/account");
    expect(await anonymous.page.getByTestId("account-name").textContent()).toBe(user.name);
    await anonymous.watch.check();

    // An open redirect is refused: an outside target falls back to /account.
    const evil = await openPage();
    await evil.page.goto("/sign-in?redirectTo=%2F%2Fevil.example%2F");
    await evil.watch.check();
    await signIn(evil.page, user.email);
    await evil.page.waitForURL("**/account");
    expect(new URL(evil.page.url()).origin).toBe(baseUrl());
    await evil.watch.check();

    watch.done();
    anonymous.watch.done();
    evil.watch.done();
  });

  it("shows the sign-in page in French to a French browser", async () => {
    const { page, watch } = await openPage("fr-FR");
    await page.goto("/sign-in");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.getByRole("heading", { name: "Connectez-vous à Mentora" }).waitFor();
    expect(await page.title()).toBe("Connexion · Mentora");
    await page.getByLabel("Adresse e-mail").fill(uniqueEmail("nobody"));
    await page.getByLabel("Mot de passe").fill("not the password");
    await page.getByRole("button", { name: "Se connecter", exact: true }).click();
    await page.getByText("L’adresse e-mail ou le mot de passe est incorrect.").waitFor();
    await watch.check();
    await screenshot(page, "sign-in-fr.png");

    // Signing up in French brings the verification email in French.
    const email = uniqueEmail("zoe");
    await page.goto("/sign-up");
    await page.getByLabel("Nom complet").fill("Zoé Côté");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByRole("heading", { name: "Consultez vos e-mails" }).waitFor();
    await watch.check();
    await page.goto("/dev/outbox");
    await openVerificationEmail(page, watch, email);
    await page.getByRole("heading", { name: /Confirmez votre adresse e-mail/ }).waitFor();

    // An unknown page is a friendly, localized 404 with a reference for support.
    watch.allow(/status of 404/);
    await page.goto("/nowhere-to-be-found");
    await page.getByRole("heading", { name: "Page introuvable" }).waitFor();
    await page.getByText(/Référence pour le support/).waitFor();
    await watch.check();
    watch.done();
  });
});
