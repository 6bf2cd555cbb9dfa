/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A recurring weekly interval in the mentor's wall time; minutes from local midnight, 1440 = end of day. */
export type WeeklyRule = {
  weekday: IsoWeekday;
  startMinute: number;
  endMinute: number;
};

/**
 * A change to one mentor-local date ("YYYY-MM-DD").
 * - `unavailable` without times: the whole day off (wins over everything else that day).
 * - `unavailable` with times: that interval is removed.
 * - `available` with times (required): extra hours on top of the weekly rules.
 */
export type DateOverride = {
  date: string;
  kind: "unavailable" | "available";
  startMinute?: number;
  endMinute?: number;
};

/** A live session (confirmed or held) that occupies the mentor. */
export type BusyInterval = {
  start: Date;
  end: Date;
};

/** An existing session of the offering option being booked, which others may still join. */
export type GroupSession = {
  sessionId: string;
  start: Date;
  end: Date;
  capacity: number;
  seatsTaken: number;
};

export type SlotQuery = {
  /** Mentor's IANA timezone; rules and overrides are wall time in this zone. */
  timezone: string;
  rules: readonly WeeklyRule[];
  overrides: readonly DateOverride[];
  durationMinutes: number;
  /** Granularity of slot starts in real minutes from each interval's start. Default 30. */
  stepMinutes?: number;
  /** Gap required before and after every busy interval. */
  bufferMinutes: number;
  minNoticeMinutes: number;
  /** Mentor-local calendar days after `now` (same wall time) beyond which no slot may start. */
  horizonDays: number;
  acceptingBookings: boolean;
  busy: readonly BusyInterval[];
  /** Set for group offerings: seats of a new session. Absent for 1:1. */
  capacity?: number;
  groupSessions?: readonly GroupSession[];
  /**
   * Only the first slot of each day in this zone (a calendar marking free days needs no more):
   * the other starts of a day already found are skipped, not computed.
   */
  firstPerDayIn?: string;
  /** Requested range: a slot is returned when its start lies in [from, to). */
  from: Date;
  to: Date;
  now: Date;
};

/**
 * A bookable slot. `startMs`/`endMs` are its instants as numbers; `start`/`end` the same as
 * Dates, which computeSlots makes only when first read (see `InstantSlot`): read the numbers
 * wherever a number does.
 */
export interface Slot {
  readonly startMs: number;
  readonly endMs: number;
  readonly start: Date;
  readonly end: Date;
  /** Group offerings only. */
  readonly seatsLeft?: number;
  /** Set when the slot is an existing group session to join. */
  readonly sessionId?: string;
}

export type ViewerDay = {
  /** "YYYY-MM-DD" in the viewer's timezone. */
  date: string;
  slots: Slot[];
};
