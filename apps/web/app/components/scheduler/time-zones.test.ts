import { describe, expect, it } from "vitest";
import { zoneOptions, zoneOptionsHtml } from "./time-zones";

/** What a browser submits for each option (its value, else its text), and which is selected. */
function submitted(html: string) {
  const options = [
    ...html.matchAll(/<option( value="([^"]*)")?( selected="")?>([^<]*)<\/option>/g),
  ];
  return {
    values: options.map((match) => match[2] ?? match[4]),
    selected: options.filter((match) => match[3]).map((match) => match[2] ?? match[4]),
  };
}

describe("zoneOptionsHtml (the no-JavaScript zone picker)", () => {
  const now = new Date("2026-12-05T12:00:00Z");

  it("offers every zone once, each submitting its IANA name, the current one selected", () => {
    const html = zoneOptionsHtml("America/New_York", now);
    const { values, selected } = submitted(html);
    expect(values).toEqual(zoneOptions(now).map((option) => option.zone));
    expect(selected).toEqual(["America/New_York"]);
    // A name with underscores reads with spaces; the value keeps the name.
    expect(html).toContain(
      '<option value="America/New_York" selected="">America/New York</option>',
    );
    expect(html).toContain("<option>Europe/Paris</option>");
  });

  it("groups the zones under their UTC offset, in the list's order", () => {
    const html = zoneOptionsHtml("UTC", now);
    expect(html).toMatch(
      /<optgroup label="UTC\+01:00">(?:(?!<\/optgroup>).)*<option>Europe\/Paris<\/option>/,
    );
    expect(html).toMatch(/<optgroup label="UTC-05:00">(?:(?!<\/optgroup>).)*America\/New York/);
    const labels = [...html.matchAll(/<optgroup label="([^"]*)">/g)].map((match) => match[1]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("selects a zone the list does not name, in a group of its own, and only that one", () => {
    const alias = "US/Eastern";
    const html = zoneOptionsHtml(alias, now);
    const { values, selected } = submitted(html);
    expect(selected).toEqual([alias]);
    expect(values[0]).toBe(alias);
    expect(
      html.startsWith('<optgroup label="UTC-05:00"><option selected="">US/Eastern</option>'),
    ).toBe(true);
    // The next page's list is not left with that selection.
    expect(submitted(zoneOptionsHtml("Europe/Paris", now)).selected).toEqual(["Europe/Paris"]);
  });
});
