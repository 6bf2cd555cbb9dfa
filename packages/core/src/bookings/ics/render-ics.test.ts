import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { type IcsEventInput, renderIcs } from "./render-ics.ts";

const event: IcsEventInput = {
  uid: "booking-6f1c@mentora",
  sequence: 3,
  method: "REQUEST",
  status: "CONFIRMED",
  start: new Date("2026-03-05T13:00:00Z"),
  end: new Date("2026-03-05T14:00:00Z"),
  stamp: new Date("2026-03-01T09:30:00Z"),
  summary: "Revue de CV, entretien; préparation — Zoë Ærøskøbing",
  description: `Ligne 1, avec des virgules; et des points-virgules\nLigne 2 \\ fin. ${"Très long texte accentué éèàù — ".repeat(8)}`,
  url: "https://app.mentora.test/bookings/6f1c",
  location: "Online, Mentora",
  organizer: { name: "Zoë Mentor", email: "zoe@mentor.example" },
  attendees: [{ name: 'Ada "Countess" Lovelace', email: "ada@mentee.example" }],
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT");
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe("renderIcs", () => {
  it("parses back (ical.js) with the same summary, times, sequence and method", () => {
    const { calendar, vevent, event: parsed } = parse(renderIcs(event));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Mentora//Bookings//EN");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(parsed.uid).toBe("booking-6f1c@mentora");
    expect(parsed.sequence).toBe(3);
    expect(parsed.summary).toBe(event.summary);
    expect(parsed.description).toBe(event.description);
    expect(parsed.location).toBe("Online, Mentora");
    expect(parsed.startDate.toJSDate().toISOString()).toBe("2026-03-05T13:00:00.000Z");
    expect(parsed.endDate.toJSDate().toISOString()).toBe("2026-03-05T14:00:00.000Z");
    expect(parsed.startDate.zone?.tzid).toBe("UTC");
    const stamp = vevent.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe("2026-03-01T09:30:00.000Z");
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevent.getFirstPropertyValue("url")).toBe(event.url);
  });

  it("names the organizer and the attendees", () => {
    const { vevent, event: parsed } = parse(renderIcs(event));
    const organizer = vevent.getFirstProperty("organizer");
    expect(organizer?.getFirstValue()).toBe("mailto:zoe@mentor.example");
    expect(organizer?.getParameter("cn")).toBe("Zoë Mentor");
    expect(parsed.attendees).toHaveLength(1);
    const [attendee] = parsed.attendees;
    expect(attendee?.getFirstValue()).toBe("mailto:ada@mentee.example");
    expect(attendee?.getParameter("cn")).toBe("Ada 'Countess' Lovelace");
    expect(attendee?.getParameter("partstat")).toBe("ACCEPTED");
  });

  it("uses CRLF line ends and folds long lines at 75 octets", () => {
    const ics = renderIcs(event);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = ics.split("\r\n").slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const descriptionAt = lines.findIndex((line) => line.startsWith("DESCRIPTION:"));
    expect(lines[descriptionAt + 1]?.startsWith(" ")).toBe(true);
  });

  it("times are UTC date-times", () => {
    const ics = renderIcs(event);
    expect(ics).toContain("\r\nDTSTART:20260305T130000Z\r\n");
    expect(ics).toContain("\r\nDTEND:20260305T140000Z\r\n");
    expect(ics).toContain("\r\nDTSTAMP:20260301T093000Z\r\n");
  });

  it("renders a cancellation", () => {
    const { calendar, vevent } = parse(
      renderIcs({ ...event, method: "CANCEL", status: "CANCELLED" }),
    );
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("leaves LOCATION out when there is none", () => {
    expect(renderIcs({ ...event, location: undefined })).not.toContain("LOCATION");
  });
});
