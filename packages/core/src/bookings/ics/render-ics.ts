import { escapeIcsText, foldIcsLine, formatIcsUtc, quoteIcsParam } from "./ics-text.ts";

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEventInput {
  /** Stable across updates (`booking-<id>@mentora`): calendar apps match updates on it. */
  uid: string;
  /** Bumped on every change of time, so an update replaces the older copy. */
  sequence: number;
  /** REQUEST adds or updates, CANCEL removes (both by email); PUBLISH is a plain download. */
  method: "REQUEST" | "CANCEL" | "PUBLISH";
  /** TENTATIVE: booked but not yet paid. */
  status: "CONFIRMED" | "CANCELLED" | "TENTATIVE";
  start: Date;
  end: Date;
  /** When this copy was made (DTSTAMP). */
  stamp: Date;
  summary: string;
  description: string;
  url: string;
  location?: string | undefined;
  /** LAST-MODIFIED: when the booking or its session last changed (subscription feeds). */
  lastModified?: Date | undefined;
  /** Left out of subscription feeds: a feed URL may be shared, its people's e-mails may not. */
  organizer?: IcsPerson | undefined;
  attendees: IcsPerson[];
}

const productId = "-//Mentora//Bookings//EN";

function mailto(person: IcsPerson): string {
  return `mailto:${person.email}`;
}

function eventLines(event: IcsEventInput): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${escapeIcsText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${formatIcsUtc(event.stamp)}`,
    ...(event.lastModified ? [`LAST-MODIFIED:${formatIcsUtc(event.lastModified)}`] : []),
    `DTSTART:${formatIcsUtc(event.start)}`,
    `DTEND:${formatIcsUtc(event.end)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    // A URI value, not TEXT: no escaping, but it must stay on one logical line.
    `URL:${event.url.replace(/\s/g, "")}`,
    ...(event.location ? [`LOCATION:${escapeIcsText(event.location)}`] : []),
    `STATUS:${event.status}`,
    ...(event.organizer
      ? [`ORGANIZER;CN=${quoteIcsParam(event.organizer.name)}:${mailto(event.organizer)}`]
      : []),
    ...event.attendees.map(
      (attendee) =>
        // Booked means accepted: no RSVP is asked, so no reply is mailed back to the organizer.
        `ATTENDEE;CN=${quoteIcsParam(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${mailto(attendee)}`,
    ),
    "END:VEVENT",
  ];
}

/**
 * Renders events as one iCalendar file (RFC 5545): UTC times, CRLF, folded lines. `name` is the
 * calendar's display name (X-WR-CALNAME, read by Google, Apple and Outlook for subscriptions).
 */
export function renderIcsCalendar(
  events: IcsEventInput[],
  options: { method: IcsEventInput["method"]; name?: string },
): string {
  const lines = [
    "BEGIN:VCALENDAR",
    `PRODID:${productId}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${options.method}`,
    ...(options.name ? [`X-WR-CALNAME:${escapeIcsText(options.name)}`] : []),
    ...events.flatMap(eventLines),
    "END:VCALENDAR",
  ];
  return `${lines.flatMap(foldIcsLine).join("\r\n")}\r\n`;
}

/** Renders one event as an iCalendar file (RFC 5545): UTC times, CRLF, folded lines. */
export function renderIcs(event: IcsEventInput): string {
  return renderIcsCalendar([event], { method: event.method });
}
