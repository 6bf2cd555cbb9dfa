import { redirect } from "@remix-run/node";
import { addMonths, isMonth, schedulerHref } from "~/components/scheduler/scheduler-url";
import type { PublicSlot, SlotWeek } from "~/components/slot-picker";
import { weekRange } from "~/components/slot-picker";
import { ONE_YEAR_SECONDS, readCookie } from "./cookies";
import { attempt, requireSession } from "./guards.server";
import { assertSameOrigin } from "./http.server";
import { addDays, isLocalDate, localDateOf, zonedTimeToUtc } from "./time";
import { httpError, type RequestCaller, type RequestWithContext, withCaller } from "./trpc.server";

/** Today in the viewer's zone, and the first day of the week asked for (never before today). */
export function weekFromUrl(url: URL, timeZone: string): { today: string; week: string } {
  const today = localDateOf(new Date(), timeZone);
  const asked = url.searchParams.get("week");
  const week = isLocalDate(asked) && asked > today && asked < addDays(today, 400) ? asked : today;
  return { today, week };
}

export async function loadSlotWeek(
  { caller, ctx }: RequestCaller,
  optionId: string,
  week: string,
): Promise<SlotWeek> {
  const result = await caller.directory.slots({ optionId, ...weekRange(week, ctx.timezone) });
  return { week, ...result };
}

/** The slot the URL names (`?option=…&slot=<iso>`), if it is still free; else null. */
export async function findSlot(
  { caller }: RequestCaller,
  optionId: string,
  start: Date,
): Promise<PublicSlot | null> {
  const result = await caller.directory.slots({
    optionId,
    from: start,
    to: new Date(start.getTime() + 60_000),
  });
  const iso = start.toISOString();
  for (const day of result.days) {
    const found = day.slots.find((slot) => slot.start === iso);
    if (found) return found;
  }
  return null;
}

/** `?slot=` as an instant, or null. */
export function slotFromUrl(url: URL): Date | null {
  const value = url.searchParams.get("slot");
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The confirm form's action: takes the place through bookings.hold and goes to the booking.
 * A signed-out visitor (session expired meanwhile) signs in and comes back to the same slot.
 */
export async function holdFromForm(request: Request, input: RequestCaller, form: FormData) {
  requireSession(request, input);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const startsAt = new Date(text("startsAt"));
  const note = text("note");
  const topic = text("topic");
  const skillSlugs = form.getAll("skill").filter((value) => typeof value === "string");
  const invitationToken = text("invitationToken");
  const result = await attempt(input.ctx, "hold", () =>
    input.caller.bookings.hold({
      optionId: text("optionId"),
      startsAt,
      ...(note ? { note } : {}),
      ...(topic ? { topic } : {}),
      ...(skillSlugs.length > 0 ? { skillSlugs } : {}),
      ...(invitationToken ? { invitationToken } : {}),
    }),
  );
  if (result.ok && result.result) throw redirect(`/bookings/${result.result.id}?new=1`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// The mentor page's scheduler (issue #18): one offering, one duration, one month at a time.

/** The 12/24-hour choice, remembered in a cookie (defaulting from the locale). */
export const CLOCK_COOKIE = "mentora_clock";

type MentorPage = Awaited<ReturnType<RequestCaller["caller"]["directory"]["mentor"]>>;
type Offering = MentorPage["offerings"][number];

export interface SchedulerData {
  offeringId: string;
  optionId: string;
  durationMinutes: number;
  /** Zone the days and times are shown in. */
  timeZone: string;
  /** Set when the URL names the zone (kept in every link); else the cookie/profile zone. */
  tzParam: string | null;
  hour12: boolean;
  today: string;
  /** "YYYY-MM" shown. */
  month: string;
  /** Earliest month one may go back to (the current one). */
  firstMonth: string;
  paused: boolean;
  /** Days of the month with at least one free time. */
  freeDays: string[];
  /** The chosen day (the URL's, else the first free one), and its times. */
  date: string | null;
  times: PublicSlot[];
}

export interface ConfirmData {
  slot: { start: string; end: string; seatsLeft: number | null };
  available: boolean;
  mentorTimeZone: string | null;
  price: Awaited<ReturnType<RequestCaller["caller"]["bookings"]["priceDetails"]>>;
  /** Wallet first, the rest through the payment gateway (as the pay step will split it). */
  walletMinor: number;
  gatewayMinor: number;
}

const MAX_MONTHS_AHEAD = 12;
const MAX_RANGE_MS = 31 * 86_400_000;

/** Old mentor-page links (`?option=…&week=…&slot=…`) → the scheduler's deep link, or null. */
export function legacySchedulerRedirect(url: URL, mentor: MentorPage): string | null {
  const { searchParams } = url;
  if (!searchParams.has("option") && !searchParams.has("week") && !searchParams.has("slot")) {
    return null;
  }
  const optionId = searchParams.get("option");
  const offering =
    mentor.offerings.find((each) => each.options.some((option) => option.id === optionId)) ??
    mentor.offerings[0];
  if (!offering) return `/mentors/${encodeURIComponent(mentor.id)}`;
  const option = offering.options.find((each) => each.id === optionId) ?? offering.options[0];
  const slot = slotFromUrl(url);
  const week = searchParams.get("week");
  return schedulerHref(mentor.id, offering.id, {
    duration: option?.durationMinutes,
    date: slot ? null : isLocalDate(week) ? week : null,
    slot: slot && optionId ? slot.toISOString() : null,
  });
}

// Zones and locales come from requests: bounded caches of what building a formatter answered.
const knownZones = new Map<string, boolean>();
const localeHour12 = new Map<string, boolean>();

function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 500) cache.clear();
    value = compute();
    cache.set(key, value);
  }
  return value;
}

function isTimeZone(value: string | null): value is string {
  if (!value || value.length > 64) return false;
  return remember(knownZones, value, () => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      return true;
    } catch {
      return false;
    }
  });
}

/** 12-hour clock from the cookie, else the locale's habit (en: 12 h, fr: 24 h). */
export function hour12Of(request: Request, locale: string): boolean {
  const cookie = readCookie(request.headers.get("cookie"), CLOCK_COOKIE);
  if (cookie === "12") return true;
  if (cookie === "24") return false;
  return remember(
    localeHour12,
    locale,
    () => new Intl.DateTimeFormat(locale, { hour: "numeric" }).resolvedOptions().hour12 === true,
  );
}

/**
 * The scheduler for one offering: the duration the URL names (else the shortest), ONE
 * `directory.slotCalendar` query for the visible month in the chosen zone (decisions 047, 057):
 * its free days and the chosen day's times, from one read of the mentor's rows.
 */
export async function loadScheduler(
  input: RequestCaller,
  request: Request,
  mentor: MentorPage,
  offering: Offering,
): Promise<{ scheduler: SchedulerData; slotFound: PublicSlot | null; slot: Date | null }> {
  const { caller, ctx } = input;
  const url = new URL(request.url);
  const params = url.searchParams;
  const duration = Number(params.get("duration"));
  const option =
    offering.options.find((each) => each.durationMinutes === duration) ?? offering.options[0];
  if (!option) throw new Response(null, { status: 404 });
  const tzParam = params.get("tz");
  const timeZone = isTimeZone(tzParam) ? tzParam : ctx.timezone;
  const now = new Date();
  const today = localDateOf(now, timeZone);
  const firstMonth = today.slice(0, 7);
  const lastMonth = addMonths(firstMonth, MAX_MONTHS_AHEAD);
  const slot = slotFromUrl(url);
  const askedDate = slot ? localDateOf(slot, timeZone) : params.get("date");
  const date = isLocalDate(askedDate) && askedDate >= today ? askedDate : null;
  const askedMonth = date ? date.slice(0, 7) : params.get("month");
  const explicit = isMonth(askedMonth) && askedMonth >= firstMonth && askedMonth <= lastMonth;
  let month = explicit ? askedMonth : firstMonth;

  const fetchMonth = async (shown: string) => {
    const start = shown === firstMonth ? today : `${shown}-01`;
    const from = zonedTimeToUtc(start, 0, timeZone);
    const end = zonedTimeToUtc(`${addMonths(shown, 1)}-01`, 0, timeZone);
    // A month with a daylight-saving hour back is 31 days and an hour: the query allows 31 days.
    const to = new Date(Math.min(end.getTime(), from.getTime() + MAX_RANGE_MS));
    // One read of the mentor's rows: the month's free days (each day stops at its first free
    // time) and the chosen day's times (the URL's day, else the first free one).
    const day = date && date.slice(0, 7) === shown ? date : undefined;
    return caller.directory.slotCalendar({
      optionId: option.id,
      from,
      to,
      timeZone,
      ...(day ? { date: day } : {}),
    });
  };
  const none = { timezone: timeZone, paused: true, freeDays: [], date: null, times: [] };
  let result = mentor.paused ? none : await fetchMonth(month);
  // Late in a month with nothing left: show the next one rather than an empty calendar.
  if (!explicit && !result.paused && result.freeDays.length === 0) {
    month = addMonths(month, 1);
    result = await fetchMonth(month);
  }
  const chosen = result.date;
  const times = result.times;
  const iso = slot?.toISOString();
  const slotFound = iso ? (times.find((each) => each.start === iso) ?? null) : null;
  return {
    scheduler: {
      offeringId: offering.id,
      optionId: option.id,
      durationMinutes: option.durationMinutes,
      timeZone,
      tzParam: isTimeZone(tzParam) ? tzParam : null,
      hour12: hour12Of(request, ctx.locale),
      today,
      month,
      firstMonth,
      paused: result.paused,
      freeDays: result.freeDays,
      date: chosen,
      times,
    },
    slotFound,
    slot,
  };
}

/** The confirmation's figures: VAT as the invoice will print it, policy, wallet-first split. */
export async function loadConfirm(
  { caller }: RequestCaller,
  mentor: MentorPage,
  option: { priceMinor: number; currency: string },
  slot: Date,
  found: PublicSlot | null,
  durationMinutes: number,
): Promise<ConfirmData> {
  const [price, wallet] = await Promise.all([
    caller.bookings.priceDetails({ priceMinor: option.priceMinor, currency: option.currency }),
    option.priceMinor > 0 ? caller.wallet.get({ limit: 1 }) : null,
  ]);
  const available =
    wallet?.balances.find((balance) => balance.currency === option.currency)?.availableMinor ?? 0;
  const walletMinor = Math.max(0, Math.min(available, option.priceMinor));
  return {
    slot: {
      start: slot.toISOString(),
      end: new Date(slot.getTime() + durationMinutes * 60_000).toISOString(),
      seatsLeft: found?.seatsLeft ?? null,
    },
    available: found !== null,
    mentorTimeZone: mentor.timezone,
    price,
    walletMinor,
    gatewayMinor: option.priceMinor - walletMinor,
  };
}

/** The 12/24-hour toggle's action: remember the choice, back to the same page. */
export function clockFromForm(request: Request, form: FormData, publicUrl: string): Response {
  const value = form.get("clock");
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  if (value !== "12" && value !== "24") return redirect(back);
  const secure = publicUrl.startsWith("https://") ? "; Secure" : "";
  return redirect(back, {
    headers: {
      "set-cookie": `${CLOCK_COOKIE}=${value}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`,
    },
  });
}

/**
 * `/mentors/:id` and `/mentors/:id/:offering`: the profile and offerings, plus, when an
 * offering is chosen, its scheduler (one slots query) and, for a chosen time, the confirmation.
 */
export async function loadMentorPage(
  from: RequestWithContext,
  mentorId: string,
  offeringId?: string,
) {
  const { request } = from;
  return withCaller(from, async (input) => {
    const { caller, ctx } = input;
    const url = new URL(request.url);
    // The reviews depend on neither the mentor's row nor the scheduler: read them meanwhile
    // (the id is the page's; an unknown one is answered NOT_FOUND by directory.mentor).
    const reviews = caller.reviews.forMentor({
      mentorId,
      cursor: url.searchParams.get("reviews") || undefined,
    });
    // A redirect thrown below must not leave this rejection unhandled; awaited at the end.
    reviews.catch(() => undefined);
    const mentor = await caller.directory.mentor({ mentorId });
    if (!offeringId) {
      const legacy = legacySchedulerRedirect(url, mentor);
      if (legacy) throw redirect(legacy, 301);
    }
    const viewer = ctx.session?.user;
    const isSelf = viewer?.id === mentor.id;
    const offering = offeringId
      ? mentor.offerings.find((each) => each.id === offeringId)
      : undefined;
    if (offeringId && !offering) throw httpError(ctx, "NOT_FOUND");
    let scheduler: SchedulerData | null = null;
    let confirm: ConfirmData | null = null;
    if (offering && !isSelf) {
      const loaded = await loadScheduler(input, request, mentor, offering);
      scheduler = loaded.scheduler;
      if (loaded.slot) {
        requireSession(request, input);
        const option = offering.options.find((each) => each.id === scheduler?.optionId);
        if (option) {
          confirm = await loadConfirm(
            input,
            mentor,
            option,
            loaded.slot,
            loaded.slotFound,
            option.durationMinutes,
          );
        }
      }
    }
    return {
      mentor: {
        ...mentor,
        stats: { ...mentor.stats, memberSince: mentor.stats.memberSince.toISOString() },
      },
      offeringId: offering?.id ?? null,
      scheduler,
      confirm,
      signedIn: Boolean(viewer),
      isSelf,
      reviews: await reviews,
    };
  });
}

/** The mentor page's forms: the confirmation's hold, and the 12/24-hour toggle. */
export async function mentorPageAction(args: RequestWithContext) {
  const { request } = args;
  return withCaller(args, async (input) => {
    assertSameOrigin(request, input.ctx);
    const form = await request.formData();
    if (form.get("intent") === "clock") {
      throw clockFromForm(request, form, input.ctx.services.config.app.publicUrl);
    }
    return holdFromForm(request, input, form);
  });
}
