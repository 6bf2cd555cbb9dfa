import type { Db, Prisma } from "@mentora/db";
import { negotiateLocale, translate } from "@mentora/i18n";
import { bookingDetailsSelect } from "../notifications/booking-details.ts";
import { bookingUrl } from "../notifications/booking-url.ts";
import { recipientFor } from "../notifications/recipients.ts";
import { bookingUid } from "./booking-ics.ts";
import type { IcsEventInput } from "./render-ics.ts";

/** Past sessions a feed keeps, so a calendar still shows last weeks' meetings. */
export const FEED_PAST_DAYS = 60;
/** The most events of each kind (as mentee, as mentor) one feed carries. */
const FEED_MAX_EVENTS = 500;

/**
 * What a feed shows: booked places (confirmed, held or done) and the cancelled ones, so a
 * cancellation reaches subscribed calendars as STATUS:CANCELLED instead of a silent removal.
 * Unpaid holds and expired ones never were meetings.
 */
const feedBookingStatuses = ["CONFIRMED", "COMPLETED", "CANCELLED"] as const;

const feedSelect = {
  ...bookingDetailsSelect,
  updatedAt: true,
  session: {
    select: {
      ...bookingDetailsSelect.session.select,
      capacity: true,
      updatedAt: true,
      offering: { select: { title: true } },
    },
  },
} satisfies Prisma.BookingSelect;

type FeedBooking = Prisma.BookingGetPayload<{ select: typeof feedSelect }>;

export interface FeedOptions {
  publicUrl: string;
  /** Sessions from FEED_PAST_DAYS before this on. */
  now: Date;
}

function callUrl(publicUrl: string, sessionId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/sessions/${encodeURIComponent(sessionId)}/call`;
}

function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

/**
 * DTSTAMP and LAST-MODIFIED both from the last change, not from the request: the same bookings
 * give the same bytes, so the feed's ETag lets polling calendars get a 304.
 */
function changed(at: Date): Pick<IcsEventInput, "stamp" | "lastModified"> {
  return { stamp: at, lastModified: at };
}

function isCancelled(booking: FeedBooking): boolean {
  return booking.status === "CANCELLED" || booking.session.status === "CANCELLED";
}

/**
 * SEQUENCE: the booking's scheduleVersion (as in its e-mailed .ics), one more once cancelled:
 * RFC 5545 counts a STATUS change as a revision, and clients keep the highest sequence.
 */
function sequenceOf(scheduleVersion: number, cancelled: boolean): number {
  return scheduleVersion + (cancelled ? 1 : 0);
}

function describe(summary: string, joinUrl: string, pageUrl: string, cancelled: boolean): string {
  return cancelled ? `${summary}\n${pageUrl}` : `${summary}\n${joinUrl}\n${pageUrl}`;
}

/** A place the user booked, as the mentee sees it (same UID as the booking's .ics). */
function menteeEvent(booking: FeedBooking, options: FeedOptions): IcsEventInput {
  const { locale, counterpart } = recipientFor(booking, "mentee");
  const summary = translate(locale, "email.booking.calendarSummary", {
    title: booking.offeringTitle,
    name: counterpart.name,
  });
  const cancelled = isCancelled(booking);
  const pageUrl = bookingUrl(options.publicUrl, booking.id);
  const joinUrl = callUrl(options.publicUrl, booking.session.id);
  return {
    uid: bookingUid(booking.id),
    sequence: sequenceOf(booking.scheduleVersion, cancelled),
    method: "PUBLISH",
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    start: booking.session.startsAt,
    end: booking.session.endsAt,
    ...changed(latest(booking.updatedAt, booking.session.updatedAt)),
    summary,
    description: describe(summary, joinUrl, pageUrl, cancelled),
    url: pageUrl,
    ...(cancelled ? {} : { location: joinUrl }),
    attendees: [],
  };
}

/**
 * The mentor's events: a one-to-one session is its booking's event (same UID as the booking's
 * .ics); a group session is one event for the session, named with the count of participants,
 * never their names or e-mails.
 */
function mentorEvents(
  bookings: FeedBooking[],
  options: FeedOptions,
  mentorLocale: string | null,
): IcsEventInput[] {
  const locale = negotiateLocale({ profileLocale: mentorLocale });
  const bySession = new Map<string, FeedBooking[]>();
  for (const booking of bookings) {
    const list = bySession.get(booking.session.id) ?? [];
    list.push(booking);
    bySession.set(booking.session.id, list);
  }
  const events: IcsEventInput[] = [];
  for (const group of bySession.values()) {
    const first = group[0];
    if (!first) continue;
    const { session } = first;
    if (session.capacity <= 1) {
      // One place: the latest booking of it (a cancelled one may precede a new one).
      const booking = group.reduce((a, b) => (a.updatedAt > b.updatedAt ? a : b));
      const { counterpart } = recipientFor(booking, "mentor");
      const summary = translate(locale, "email.booking.calendarSummary", {
        title: booking.offeringTitle,
        name: counterpart.name,
      });
      const cancelled = isCancelled(booking);
      const pageUrl = bookingUrl(options.publicUrl, booking.id);
      const joinUrl = callUrl(options.publicUrl, session.id);
      events.push({
        uid: bookingUid(booking.id),
        sequence: sequenceOf(booking.scheduleVersion, cancelled),
        method: "PUBLISH",
        status: cancelled ? "CANCELLED" : "CONFIRMED",
        start: session.startsAt,
        end: session.endsAt,
        ...changed(latest(booking.updatedAt, session.updatedAt)),
        summary,
        description: describe(summary, joinUrl, pageUrl, cancelled),
        url: pageUrl,
        ...(cancelled ? {} : { location: joinUrl }),
        attendees: [],
      });
      continue;
    }
    const live = group.filter((booking) => booking.status !== "CANCELLED");
    const cancelled = session.status === "CANCELLED" || live.length === 0;
    const summary = translate(locale, "email.booking.calendarGroupSummary", {
      title: session.offering.title,
      count: live.length,
    });
    const pageUrl = `${options.publicUrl.replace(/\/+$/, "")}/mentor/calendar`;
    const joinUrl = callUrl(options.publicUrl, session.id);
    events.push({
      uid: `session-${session.id}@mentora`,
      sequence: sequenceOf(Math.max(...group.map((booking) => booking.scheduleVersion)), cancelled),
      method: "PUBLISH",
      status: cancelled ? "CANCELLED" : "CONFIRMED",
      start: session.startsAt,
      end: session.endsAt,
      ...changed(latest(session.updatedAt, ...group.map((booking) => booking.updatedAt))),
      summary,
      description: describe(summary, joinUrl, pageUrl, cancelled),
      url: pageUrl,
      ...(cancelled ? {} : { location: joinUrl }),
      attendees: [],
    });
  }
  return events;
}

/**
 * Every event of a person's subscription feed: their places as mentee and their sessions as
 * mentor, from FEED_PAST_DAYS ago on, earliest first. No e-mail address of anyone.
 */
export async function bookingFeedEvents(
  prisma: Db | Prisma.TransactionClient,
  user: { id: string; locale: string | null },
  options: FeedOptions,
): Promise<IcsEventInput[]> {
  const since = new Date(options.now.getTime() - FEED_PAST_DAYS * 86_400_000);
  const [asMentee, asMentor] = await Promise.all([
    prisma.booking.findMany({
      where: {
        menteeId: user.id,
        status: { in: [...feedBookingStatuses] },
        session: { startsAt: { gte: since } },
      },
      select: feedSelect,
      orderBy: { session: { startsAt: "asc" } },
      take: FEED_MAX_EVENTS,
    }),
    prisma.booking.findMany({
      where: {
        status: { in: [...feedBookingStatuses] },
        session: { mentorId: user.id, startsAt: { gte: since } },
      },
      select: feedSelect,
      orderBy: { session: { startsAt: "asc" } },
      take: FEED_MAX_EVENTS,
    }),
  ]);
  return [
    ...asMentee.map((booking) => menteeEvent(booking, options)),
    ...mentorEvents(asMentor, options, user.locale),
  ].sort((a, b) => a.start.getTime() - b.start.getTime());
}
