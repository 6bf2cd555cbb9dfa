import { randomUUID } from "node:crypto";
import { createTestApp, signUpVerifiedUser } from "../testing/index.ts";
import { receiveVideoCallback } from "./callbacks/receive-callback.ts";
import { statusCallbackUrl } from "./rooms.ts";

const MINUTE = 60_000;

/** A test app with signed-in people to put in sessions: a mentor, mentees, a stranger. */
export async function createVideoRig(env: Record<string, string> = {}) {
  const app = await createTestApp(env);
  const person = (name: string) =>
    signUpVerifiedUser(app, { name, email: `${randomUUID()}@video.test` });
  const mentor = await person("Maëlle Mentor");
  await app.prisma.user.update({ where: { id: mentor.userId }, data: { role: "MENTOR" } });
  const offering = (mentorId: string, kind: "ONE_TO_ONE" | "GROUP", capacity: number) =>
    app.prisma.offering.create({
      data: {
        mentorId,
        title: kind === "GROUP" ? "Group clinic" : "Code review",
        description: "Review.",
        kind,
        capacity,
        options: { create: { durationMinutes: 60, priceMinor: 5_000, currency: "EUR" } },
      },
      include: { options: true },
    });

  /**
   * A 60-minute session starting `startsInMinutes` from now (negative: already started), with
   * the given bookings. Its mentor is `mentorId`, or a new one: sessions of one mentor may not
   * overlap (the calendar's exclusion constraint), and tests need several near now.
   */
  async function session(options: {
    startsInMinutes: number;
    bookings: { userId: string; status?: "CONFIRMED" | "PENDING_PAYMENT" | "CANCELLED" }[];
    kind?: "ONE_TO_ONE" | "GROUP";
    mentorId?: string;
  }) {
    const mentorId =
      options.mentorId ??
      (
        await app.prisma.user.create({
          data: {
            id: randomUUID(),
            name: "Other Mentor",
            email: `${randomUUID()}@video.test`,
            emailVerified: true,
            role: "MENTOR",
          },
        })
      ).id;
    const kind = options.kind ?? "ONE_TO_ONE";
    const chosen = await offering(mentorId, kind, kind === "GROUP" ? 3 : 1);
    const option = chosen.options[0]!;
    const startsAt = new Date(Date.now() + options.startsInMinutes * MINUTE);
    const endsAt = new Date(startsAt.getTime() + 60 * MINUTE);
    const created = await app.prisma.mentoringSession.create({
      data: {
        mentorId,
        offeringId: chosen.id,
        optionId: option.id,
        startsAt,
        endsAt,
        blockedUntil: endsAt,
        capacity: chosen.capacity,
      },
    });
    for (const booking of options.bookings) {
      await app.prisma.booking.create({
        data: {
          sessionId: created.id,
          menteeId: booking.userId,
          status: booking.status ?? "CONFIRMED",
          offeringTitle: chosen.title,
          durationMinutes: 60,
          priceMinor: 5_000,
          currency: "EUR",
        },
      });
    }
    return created;
  }

  /** Posts a status callback to our edge as the provider would (in-process). */
  async function deliver(params: Record<string, string>, signature: string, search = "") {
    return receiveVideoCallback(
      app,
      new Request(`${statusCallbackUrl(app)}${search}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signature,
        },
        body: new URLSearchParams(params).toString(),
      }),
      null,
    );
  }

  return { app, mentor, person, session, deliver };
}

/** The claims of a JWT access token (not verified: the provider's tests do that). */
export function tokenClaims(token: string): {
  exp: number;
  iss: string;
  sub: string;
  grants: { identity: string; video?: { room?: string } };
} {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}
