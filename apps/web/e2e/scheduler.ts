import type { Page } from "playwright-core";

/**
 * From a mentor's page, the way a mentee books: open the offering (the one showing `price`, else
 * the first), pick the duration with that price, then the first free time of the day the
 * scheduler opens on. Returns the chosen time (ISO). Signed out, this lands on sign-in.
 */
export async function chooseFirstTime(page: Page, options: { price?: string } = {}) {
  const offerings = page.getByTestId("offering");
  const offering = options.price ? offerings.filter({ hasText: options.price }) : offerings.first();
  const choose = offering.getByTestId("choose-offering");
  const href = (await choose.getAttribute("href")) ?? "";
  await choose.click();
  await page.waitForURL((url) => url.pathname === href.split("?")[0]);
  await page.getByTestId("scheduler").waitFor();
  if (options.price) {
    const duration = page.getByTestId("duration").filter({ hasText: options.price });
    if ((await duration.getAttribute("aria-checked")) !== "true") {
      const target = new URL((await duration.getAttribute("href")) ?? "", page.url());
      await duration.click();
      await page.waitForURL(
        (url) => url.searchParams.get("duration") === target.searchParams.get("duration"),
      );
      await page.waitForLoadState("networkidle");
    }
  }
  // The duration keeps the day it was switched on; late in that day, the longer duration may
  // have no time left on it (the page says so): then the first highlighted day, as a mentee would.
  if ((await page.getByTestId("no-times").count()) > 0) {
    const day = page.getByTestId("free-day").first();
    const date = (await day.getAttribute("data-date")) ?? "";
    await day.click();
    await page.waitForURL((url) => url.searchParams.get("date") === date);
    await page.waitForLoadState("networkidle");
  }
  const slot = page.getByTestId("slot").first();
  const start = (await slot.getAttribute("data-start")) ?? "";
  await slot.click();
  return start;
}
