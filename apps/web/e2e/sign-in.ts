import type { BrowserContext } from "playwright-core";
import { watchPages } from "./browser.ts";
import { PASSWORD } from "./db.ts";

/**
 * A new page of `context`, signed in through the form as `email` and left on `to` (the sign-in
 * page is checked with axe on the way).
 */
export async function signedInPage(context: BrowserContext, email: string, to: string) {
  const page = await context.newPage();
  const watch = watchPages(page);
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent(to)}`);
  await page.waitForLoadState("networkidle");
  await watch.check();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`**${to}`);
  await page.waitForLoadState("networkidle");
  return { page, watch };
}
