import type { App } from "../../app/index.ts";
import { createBookingFixture } from "../../bookings/testing/booking-fixture.ts";
import { contextFor } from "../../testing/index.ts";
import { createCaller } from "../../trpc/router.ts";

/** A tRPC caller signed in as this user (a session as the HTTP edge would load it). */
export async function callerAs(app: App, userId: string) {
  const context = await contextFor(app, { "user-agent": "messages-test/1.0" });
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({
    ...context,
    session: { user, session: { id: `s-${userId}`, userId, createdAt: new Date() } },
  } as never);
}

/** A confirmed booking tomorrow, its conversation opened by the mentee, and both callers. */
export async function conversationRig(app: App, options: { capacity?: number } = {}) {
  const fixture = await createBookingFixture(app.prisma, {
    startsAt: new Date(Date.now() + 86_400_000),
    capacity: options.capacity,
  });
  const mentee = await callerAs(app, fixture.mentee.id);
  const mentor = await callerAs(app, fixture.mentor.id);
  const { conversationId } = await mentee.messages.open({ bookingId: fixture.booking.id });
  return { ...fixture, conversationId, menteeCaller: mentee, mentorCaller: mentor };
}
