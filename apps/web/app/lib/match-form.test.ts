import { describe, expect, it } from "vitest";
import { matchRequestFrom } from "./match-form";

function form(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

describe("the 'Describe what you need' form", () => {
  it("is optional: an empty description is no request", () => {
    expect(
      matchRequestFrom(
        form([
          ["need", "  "],
          ["needLanguage", "fr"],
        ]),
      ),
    ).toBeNull();
  });

  it("reads languages it offers only, the budget in minor units, and the window", () => {
    const parsed = matchRequestFrom(
      form([
        ["need", "A TypeScript code review"],
        ["needLanguage", "fr"],
        ["needLanguage", "xx"],
        ["needBudget", "45,50"],
        ["needCurrency", "EUR"],
        ["needFrom", "2027-01-05T18:00"],
        ["needTo", "2027-01-05T21:00"],
      ]),
    );
    expect(parsed?.success && parsed.data).toEqual({
      text: "A TypeScript code review",
      languages: ["fr"],
      budget: { maxMinor: 4550, currency: "EUR" },
      when: { from: "2027-01-05T18:00", to: "2027-01-05T21:00" },
    });
  });

  it("refuses a window that ends before it starts, and a one-letter description", () => {
    expect(
      matchRequestFrom(
        form([
          ["need", "Career advice"],
          ["needFrom", "2027-01-05T21:00"],
          ["needTo", "2027-01-05T18:00"],
        ]),
      )?.success,
    ).toBe(false);
    expect(matchRequestFrom(form([["need", "x"]]))?.success).toBe(false);
  });
});
