import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect.ts";

describe("safeRedirectPath (open-redirect guard)", () => {
  it.each([
    ["/account", "/account"],
    ["/mentors/ada?slot=2026-12-01T10:00Z#book", "/mentors/ada?slot=2026-12-01T10:00Z#book"],
    ["/a/../account", "/account"],
  ])("keeps the same-site path %s", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/%0a/evil.example".replace("%0a", "\n"),
    "javascript:alert(1)",
    "evil.example",
    "",
    undefined,
    42,
    `/${"a".repeat(3000)}`,
  ])("falls back for %j", (target) => {
    expect(safeRedirectPath(target, "/home")).toBe("/home");
  });
});
