import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { chromiumExecutable } from "./chromium.ts";
import "./context.ts";

export const resultsDir = path.resolve(import.meta.dirname, "../test-results");

export function baseUrl(): string {
  return inject("webBaseUrl");
}

/**
 * The packaged Chromium (or CHROMIUM_PATH's). Our own flags, not @sparticuz/chromium's `args`:
 * those are for Lambda and turn off web security (--disable-web-security), which would hide
 * exactly what the browser tests check. The packaged build runs fine without them.
 */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath, env } = await chromiumExecutable();
  return chromium.launch({
    executablePath,
    headless: true,
    env: { ...process.env, ...env },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // The call page: a synthetic camera and microphone, allowed without a prompt.
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ],
  });
}

export function newContext(browser: Browser, locale = "en-US"): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl(), locale, timezoneId: "Europe/Paris" });
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Where the page is, as the path and query the app routes on. */
function where(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/**
 * Accessibility and health of every page a test visits. `check()` runs axe on the current page
 * and fails on serious or critical violations, printing each, or on a message key shown instead
 * of its text; `done()` fails when a page was
 * visited but never checked, or when the page threw or logged an error (a hydration mismatch…)
 * or the Content-Security-Policy refused anything.
 */
export function watchPages(page: Page) {
  const visited = new Set<string>();
  const checked = new Set<string>();
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith("http")) {
      const url = new URL(frame.url());
      visited.add(url.pathname);
    }
  });
  // Content-Security-Policy violations fail every test and cannot be allowed: Chromium logs
  // "Refused to …" for most, and the page reports each one as a securitypolicyviolation event
  // (init scripts run outside the page's CSP).
  const cspViolations: string[] = [];
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      // biome-ignore lint/suspicious/noConsole: the page's console is how the test hears of it
      console.error(
        `[csp-violation] ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on("pageerror", (error) => problems.push(`page error on ${where(page)}: ${error.message}`));
  page.on("console", (message) => {
    if (/^\[csp-violation\]|Refused to /.test(message.text())) {
      cspViolations.push(`CSP violation on ${where(page)}: ${message.text()}`);
      return;
    }
    if (message.type() !== "error") return;
    // Remix 2.17's single fetch logs the AbortError of a loader run a navigation cancelled
    // mid-body (a live revalidation as the user leaves the page) before the router drops it:
    // the cancellation working, not a failure. Any other console error still fails the test.
    if (message.text().startsWith("AbortError: BodyStreamBuffer was aborted")) return;
    const source = message.location().url;
    problems.push(
      `console error on ${where(page)}: ${message.text()}${source ? ` (${source})` : ""}`,
    );
  });

  return {
    async check(): Promise<void> {
      await page.waitForLoadState("load");
      // Colours read mid-transition (a toggle just pressed) are neither state's: let them settle.
      // (Endless ones, a skeleton's pulse, are left running; a cancelled one counts as settled.)
      await page.evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime))
            .map((animation) => animation.finished.catch(() => undefined)),
        ),
      );
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
        .analyze();
      const serious = results.violations.filter(
        (violation) => violation.impact === "serious" || violation.impact === "critical",
      );
      checked.add(new URL(page.url()).pathname);
      // A message the page's namespaces lack shows as its key (decision 024): never on a page.
      const untranslated = await page.evaluate(() => {
        const key = /\b(?:web|errors|common)\.[a-zA-Z]+\.[a-zA-Z][\w.]*/g;
        const attributes = [
          ...document.querySelectorAll("[aria-label],[placeholder],[title]"),
        ].flatMap((element) =>
          ["aria-label", "placeholder", "title"].map((name) => element.getAttribute(name) ?? ""),
        );
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, scripts excluded
        const text = document.body.innerText;
        return [document.title, text, ...attributes].join("\n").match(key) ?? [];
      });
      if (untranslated.length > 0) {
        throw new Error(
          `Untranslated keys on ${where(page)}: ${[...new Set(untranslated)].join(", ")}`,
        );
      }
      if (serious.length > 0) {
        const report = serious
          .map(
            (violation) =>
              `- [${violation.impact}] ${violation.id}: ${violation.help}\n${violation.nodes
                .map((node) => `    ${node.target.join(" ")} — ${node.failureSummary ?? ""}`)
                .join("\n")}`,
          )
          .join("\n");
        throw new Error(`Accessibility violations on ${where(page)}:\n${report}`);
      }
    },
    /** Console errors a test expects (e.g. the 404 of a page it visits on purpose). */
    allow(pattern: RegExp): void {
      allowed.push(pattern);
    },
    done(): void {
      const unchecked = [...visited].filter((pathname) => !checked.has(pathname));
      const all = [
        ...unchecked.map((pathname) => `visited but not checked with axe: ${pathname}`),
        ...problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem))),
        ...cspViolations,
      ];
      if (all.length > 0) throw new Error(all.join("\n"));
    },
  };
}

export type PageWatch = ReturnType<typeof watchPages>;
