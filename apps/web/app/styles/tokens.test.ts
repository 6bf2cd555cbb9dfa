import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * app.css declares each scheme twice: for the whole page (the `@theme` defaults and the
 * prefers-color-scheme: dark block) and as the `.scheme-light` / `.scheme-dark` classes the
 * /design page uses to show both side by side. They must never drift apart.
 */
const css = readFileSync(path.join(import.meta.dirname, "app.css"), "utf8");

function declarations(block: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of block.matchAll(/(--(?:color|shadow)-[a-z-]+):\s*([^;]+);/g)) {
    const [, name = "", value = ""] = match;
    found[name] = value.trim();
  }
  return found;
}

/** The text of the `{…}` block that follows `marker` (braces balanced). */
function blockAfter(marker: string): string {
  const start = css.indexOf("{", css.indexOf(marker));
  expect(start, marker).toBeGreaterThan(0);
  let depth = 0;
  for (let index = start; index < css.length; index++) {
    if (css[index] === "{") depth++;
    if (css[index] === "}" && --depth === 0) return css.slice(start + 1, index);
  }
  throw new Error(`unbalanced block after ${marker}`);
}

describe("colour tokens", () => {
  const themeBlock = blockAfter("@theme static");
  const light = Object.fromEntries(
    Object.entries(declarations(themeBlock)).filter(
      ([name]) =>
        name.startsWith("--color-") || name === "--shadow-card" || name === "--shadow-popover",
    ),
  );
  const dark = declarations(blockAfter("@media (prefers-color-scheme: dark)"));

  it("every semantic colour has a dark value", () => {
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
  });

  it(".scheme-light and .scheme-dark repeat the page's values exactly", () => {
    expect(declarations(blockAfter(".scheme-light {"))).toEqual(light);
    expect(declarations(blockAfter(".scheme-dark {"))).toEqual(dark);
  });
});
