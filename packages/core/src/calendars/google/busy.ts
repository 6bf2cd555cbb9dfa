import type { AppServices } from "../../app/types.ts";
import { createGoogleCalendarApi, type GoogleCalendarApi, GoogleTokenError } from "./google-api.ts";

type Services = Pick<AppServices, "prisma" | "auth" | "config" | "logger">;

/** How far ahead busy times are read: the mentor's booking horizon, at most this. */
const MAX_BUSY_DAYS = 90;
/** A job's calls may take longer than a slots read's. */
const JOB_TIMEOUT_MS = 15_000;

export function googleCalendarApi(services: Pick<AppServices, "config">, timeoutMs?: number) {
  return createGoogleCalendarApi({
    rootUrl: services.config.calendars.googleApiUrl,
    timeoutMs: timeoutMs ?? JOB_TIMEOUT_MS,
  });
}

/**
 * A valid access token for the mentor's Google account: better-auth refreshes it with the
 * stored refresh token when it is about to expire and saves the new one. Any failure there
 * (no account, no refresh token, Google refusing the refresh) means the grant is gone.
 */
export async function googleAccessToken(services: Services, mentorId: string): Promise<string> {
  try {
    const account = await services.prisma.account.findFirst({
      where: { userId: mentorId, providerId: "google" },
      select: { id: true },
    });
    if (!account) throw new Error("no Google account linked");
    const tokens = await services.auth.api.getAccessToken({
      body: { accountId: account.id, userId: mentorId },
    });
    if (!tokens.accessToken) throw new Error("no access token");
    return tokens.accessToken;
  } catch (error) {
    services.logger.warn({ err: error, mentorId }, "google calendar: no valid access token");
    throw new GoogleTokenError("refresh_failed");
  }
}

/**
 * Google refused the mentor's credentials: the connection is marked BROKEN (the calendars page
 * says so and offers to reconnect), and nothing retries until the mentor acts, so a revoked
 * grant never turns into a loop of failing calls. The last busy times fetched are kept.
 */
export async function markConnectionBroken(
  services: Pick<AppServices, "prisma" | "logger">,
  mentorId: string,
  reason: string,
): Promise<void> {
  const { count } = await services.prisma.googleCalendarConnection.updateMany({
    where: { mentorId, status: "CONNECTED" },
    data: { status: "BROKEN", brokenReason: reason },
  });
  if (count > 0) {
    services.logger.warn({ mentorId, reason }, "google calendar connection broken");
  }
}

/**
 * Reads the mentor's busy times from their chosen calendars and replaces the cached ones, in one
 * transaction with `busyFetchedAt`. A token error marks the connection broken (and resolves);
 * any other error is thrown (a job retries it).
 */
export async function refreshBusy(
  services: Services,
  mentorId: string,
  options: { now?: Date; api?: GoogleCalendarApi } = {},
): Promise<"refreshed" | "skipped" | "broken"> {
  const now = options.now ?? new Date();
  const connection = await services.prisma.googleCalendarConnection.findUnique({
    where: { mentorId },
    select: {
      status: true,
      busyCalendarIds: true,
      mentor: { select: { mentorProfile: { select: { horizonDays: true } } } },
    },
  });
  if (connection?.status !== "CONNECTED") return "skipped";
  const days = Math.min(connection.mentor.mentorProfile?.horizonDays ?? 30, MAX_BUSY_DAYS) + 1;
  const to = new Date(now.getTime() + days * 86_400_000);
  const api = options.api ?? googleCalendarApi(services);
  let busy: { start: Date; end: Date }[];
  try {
    const accessToken = await googleAccessToken(services, mentorId);
    busy = await api.freeBusy(accessToken, {
      calendarIds: connection.busyCalendarIds,
      from: now,
      to,
    });
  } catch (error) {
    if (error instanceof GoogleTokenError) {
      await markConnectionBroken(services, mentorId, error.reason);
      return "broken";
    }
    throw error;
  }
  await services.prisma.$transaction(async (tx) => {
    // Still connected, with the same calendars? A disconnect or a new choice made meanwhile
    // wins over this (older) answer.
    const current = await tx.googleCalendarConnection.findUnique({
      where: { mentorId },
      select: { status: true, busyCalendarIds: true },
    });
    if (
      current?.status !== "CONNECTED" ||
      current.busyCalendarIds.join("\n") !== connection.busyCalendarIds.join("\n")
    ) {
      return;
    }
    await tx.calendarBusy.deleteMany({ where: { mentorId } });
    if (busy.length > 0) {
      await tx.calendarBusy.createMany({
        data: busy.map((period) => ({ mentorId, startsAt: period.start, endsAt: period.end })),
      });
    }
    await tx.googleCalendarConnection.update({
      where: { mentorId },
      data: { busyFetchedAt: now },
    });
  });
  return "refreshed";
}

const inFlight = new Map<string, Promise<void>>();

/**
 * Before slots are read: when the cached busy times are older than the TTL, refresh them, but
 * wait at most GOOGLE_CALENDAR_TIMEOUT_MS; past it (or on any error) the cache answers and the
 * refresh finishes in the background. Never throws: a slow or failing Google must not break the
 * mentor's page.
 */
export async function refreshStaleBusy(
  services: Services,
  mentorId: string,
  now: Date = new Date(),
): Promise<void> {
  const connection = await services.prisma.googleCalendarConnection.findUnique({
    where: { mentorId },
    select: { status: true, busyFetchedAt: true },
  });
  if (connection?.status !== "CONNECTED") return;
  const { busyTtlMs, timeoutMs } = services.config.calendars;
  if (connection.busyFetchedAt && now.getTime() - connection.busyFetchedAt.getTime() < busyTtlMs) {
    return;
  }
  // One refresh per mentor at a time in this process: visitors arriving while it runs wait on
  // the same one instead of each asking Google.
  let refresh = inFlight.get(mentorId);
  if (!refresh) {
    refresh = refreshBusy(services, mentorId, { now })
      .then(() => undefined)
      .catch((error: unknown) => {
        services.logger.warn({ err: error, mentorId }, "google calendar busy refresh failed");
      })
      .finally(() => inFlight.delete(mentorId));
    inFlight.set(mentorId, refresh);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  await Promise.race([refresh, timeout]);
  clearTimeout(timer);
}
