import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { App } from "../../app/index.ts";
import { errorCodeOf } from "../../errors/index.ts";
import { callerFor, signUpVerifiedUser } from "../../testing/index.ts";

/** A signed-in, approved mentor (role MENTOR and an APPROVED profile), with a caller. */
export async function signUpMentor(
  app: App,
  user: { name: string; email: string },
  headers: Record<string, string> = {},
) {
  const { cookie, userId } = await signUpVerifiedUser(app, user);
  await app.prisma.user.update({ where: { id: userId }, data: { role: "MENTOR" } });
  await app.prisma.mentorProfile.create({
    data: { userId, status: "APPROVED", decidedAt: new Date() },
  });
  return { userId, cookie, caller: await callerFor(app, { cookie, ...headers }) };
}

/** A bare user row (no sign-in), e.g. a mentee holding a booking. */
export async function createPlainUser(app: App, name = "Mentee"): Promise<string> {
  const id = randomUUID();
  await app.prisma.user.create({ data: { id, name, email: `${id}@plain.test` } });
  return id;
}

/** "OK", the stable app code of a failure (NOT_FOUND, INVITATION_INVALID…), or BAD_REQUEST. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    const code = errorCodeOf(error);
    if (code) return code;
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** The input paths a refused call complained about ("capacity", "options.1.durationMinutes"). */
export async function invalidFields(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof ZodError) {
      return [...new Set(error.cause.issues.map((issue) => issue.path.join(".")))];
    }
    throw error;
  }
  throw new Error("expected the call to be refused as invalid input");
}

/** A scheduled session of the option at `startsAt`, with one live booking per given mentee. */
export async function createSessionWithBookings(
  app: App,
  input: {
    mentorId: string;
    offeringId: string;
    optionId: string;
    startsAt: Date;
    durationMinutes: number;
    capacity: number;
    menteeIds: string[];
    priceMinor: number;
    currency: string;
    title: string;
  },
) {
  const endsAt = new Date(input.startsAt.getTime() + input.durationMinutes * 60_000);
  const session = await app.prisma.mentoringSession.create({
    data: {
      mentorId: input.mentorId,
      offeringId: input.offeringId,
      optionId: input.optionId,
      startsAt: input.startsAt,
      endsAt,
      blockedUntil: endsAt,
      capacity: input.capacity,
    },
  });
  const bookings = [];
  for (const menteeId of input.menteeIds) {
    bookings.push(
      await app.prisma.booking.create({
        data: {
          sessionId: session.id,
          menteeId,
          status: "CONFIRMED",
          confirmedAt: new Date(),
          offeringTitle: input.title,
          durationMinutes: input.durationMinutes,
          priceMinor: input.priceMinor,
          currency: input.currency,
        },
      }),
    );
  }
  return { session, bookings };
}
