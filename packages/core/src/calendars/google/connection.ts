import { fromPrisma } from "pg-boss";
import type { AppServices } from "../../app/types.ts";
import { enqueue } from "../../jobs/index.ts";
import { googleAccessToken, googleCalendarApi, markConnectionBroken } from "./busy.ts";
import {
  GOOGLE_CALENDAR_SCOPES,
  type GoogleCalendarSummary,
  GoogleTokenError,
} from "./google-api.ts";
import { refreshBusyQueue } from "./refresh-busy.queue.ts";

/** Google's token revocation endpoint (RFC 7009). */
const GOOGLE_REVOKE_URL = "https://oauth2.googleapis.com/revoke";

function grantsCalendar(scope: string | null): boolean {
  const granted = new Set((scope ?? "").split(/[\s,]+/));
  return GOOGLE_CALENDAR_SCOPES.every((wanted) => granted.has(wanted));
}

/**
 * The mentor's Google Calendar as the calendars page shows it. When the linked Google account
 * holds the calendar scopes (the mentor just came back from Google's consent) and there is no
 * connection yet, it is created here (busy times from and sessions to the primary calendar)
 * and a first busy refresh is queued: consent is the mentor's act, this only records it.
 */
export async function googleCalendarState(services: AppServices, mentorId: string) {
  const { prisma } = services;
  const account = await prisma.account.findFirst({
    where: { userId: mentorId, providerId: "google" },
    select: { scope: true },
  });
  let connection = await prisma.googleCalendarConnection.findUnique({ where: { mentorId } });
  if (!connection && account && grantsCalendar(account.scope)) {
    connection = await prisma.$transaction(async (tx) => {
      const created = await tx.googleCalendarConnection.upsert({
        where: { mentorId },
        create: { mentorId, busyCalendarIds: ["primary"], targetCalendarId: "primary" },
        update: {},
      });
      await enqueue(services.boss, refreshBusyQueue, { mentorId }, { db: fromPrisma(tx) });
      return created;
    });
    services.logger.info({ mentorId }, "google calendar connected");
  }
  let calendars: GoogleCalendarSummary[] = [];
  let calendarsUnavailable = false;
  if (connection?.status === "CONNECTED") {
    try {
      const accessToken = await googleAccessToken(services, mentorId);
      calendars = await googleCalendarApi(
        services,
        services.config.calendars.timeoutMs * 2,
      ).listCalendars(accessToken);
    } catch (error) {
      if (error instanceof GoogleTokenError) {
        await markConnectionBroken(services, mentorId, error.reason);
        connection = await prisma.googleCalendarConnection.findUnique({ where: { mentorId } });
      } else {
        calendarsUnavailable = true;
        services.logger.warn({ err: error, mentorId }, "google calendar list unavailable");
      }
    }
  }
  return {
    configured: Boolean(services.config.auth.google),
    connection: connection
      ? {
          status: connection.status,
          brokenReason: connection.brokenReason,
          busyCalendarIds: connection.busyCalendarIds,
          targetCalendarId: connection.targetCalendarId,
          busyFetchedAt: connection.busyFetchedAt,
        }
      : null,
    calendars,
    calendarsUnavailable,
  };
}

/**
 * The calendars that block availability and the one sessions go to. "primary" stands for the
 * account's primary calendar. Cached busy times are refreshed at once (in the same commit).
 */
export async function saveGoogleCalendarChoice(
  services: AppServices,
  mentorId: string,
  choice: { busyCalendarIds: string[]; targetCalendarId: string | null },
  known: GoogleCalendarSummary[],
): Promise<"saved" | "invalid"> {
  const ids = new Set(known.map((entry) => entry.id));
  const primary = known.find((entry) => entry.primary)?.id;
  const resolve = (id: string) => (id === "primary" && primary ? primary : id);
  const busy = [...new Set(choice.busyCalendarIds.map(resolve))];
  const target = choice.targetCalendarId ? resolve(choice.targetCalendarId) : null;
  if (busy.some((id) => !ids.has(id))) return "invalid";
  if (target && !known.some((entry) => entry.id === target && entry.writable)) return "invalid";
  await services.prisma.$transaction(async (tx) => {
    await tx.googleCalendarConnection.update({
      where: { mentorId },
      data: { busyCalendarIds: busy, targetCalendarId: target, busyFetchedAt: null },
    });
    await enqueue(services.boss, refreshBusyQueue, { mentorId }, { db: fromPrisma(tx) });
  });
  return "saved";
}

/**
 * Disconnects: the grant is revoked at Google (best effort: we forget it either way), the tokens
 * and the calendar scopes leave the account row (Google sign-in keeps working: it needs none
 * of them), and the connection goes with its cached busy times and written-event records.
 * Events already in the mentor's calendar stay there: they are the mentor's.
 */
export async function disconnectGoogleCalendar(services: AppServices, mentorId: string) {
  const { prisma, logger } = services;
  const account = await prisma.account.findFirst({
    where: { userId: mentorId, providerId: "google" },
    select: { id: true, accessToken: true, refreshToken: true },
  });
  const token = account?.refreshToken ?? account?.accessToken;
  if (token) {
    try {
      const response = await fetch(GOOGLE_REVOKE_URL, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token }).toString(),
        signal: AbortSignal.timeout(services.config.calendars.timeoutMs * 2),
      });
      if (!response.ok) logger.warn({ mentorId, status: response.status }, "google revoke refused");
    } catch (error) {
      logger.warn({ err: error, mentorId }, "google revoke failed");
    }
  }
  await prisma.$transaction(async (tx) => {
    if (account) {
      await tx.account.update({
        where: { id: account.id },
        data: {
          accessToken: null,
          refreshToken: null,
          accessTokenExpiresAt: null,
          refreshTokenExpiresAt: null,
          scope: null,
        },
      });
    }
    await tx.googleCalendarEvent.deleteMany({ where: { mentorId } });
    // Cascades to calendar_busy.
    await tx.googleCalendarConnection.deleteMany({ where: { mentorId } });
  });
  logger.info({ mentorId }, "google calendar disconnected");
}
