import { createHash } from "node:crypto";
import { renderInvitationEmail } from "@mentora/email";
import { translate } from "@mentora/i18n";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { formatMinorAmount } from "../offerings/index.ts";
import {
  createPlainUser,
  createSessionWithBookings,
  invalidFields,
  outcome,
  signUpMentor,
} from "../offerings/testing/offerings.ts";
import {
  callerFor,
  createTestApp,
  deliverQueuedEmails,
  signUpVerifiedUser,
  TEST_ORIGIN,
} from "../testing/index.ts";

type Mentor = Awaited<ReturnType<typeof signUpMentor>>;

let app: App;
let mentor: Mentor;
let other: Mentor;
let offeringId: string;
let tndOfferingId: string;

const DAY = 86_400_000;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const tokenOf = (link: string) => link.slice(`${TEST_ORIGIN}/invitations/`.length);

beforeAll(async () => {
  app = await createTestApp();
  mentor = await signUpMentor(app, { name: "Ines Inviter", email: "ines@invitations.test" });
  other = await signUpMentor(app, { name: "Olga Other", email: "olga@invitations.test" });
  const offering = await mentor.caller.offerings.create({
    title: "Portfolio review",
    kind: "ONE_TO_ONE",
    options: [
      { durationMinutes: 30, priceMinor: 4000, currency: "EUR" },
      { durationMinutes: 60, priceMinor: 7000, currency: "EUR" },
    ],
  });
  offeringId = offering.id;
  const tnd = await mentor.caller.offerings.create({
    title: "Atelier entretien",
    kind: "ONE_TO_ONE",
    options: [{ durationMinutes: 45, priceMinor: 60_000, currency: "TND" }],
  });
  tndOfferingId = tnd.id;
});
afterAll(() => app?.close());

describe("invitations.create", () => {
  it("shows the token once, in the link, and stores only its sha256", async () => {
    const { invitation, link } = await mentor.caller.invitations.create({ offeringId });
    expect(link.startsWith(`${TEST_ORIGIN}/invitations/`)).toBe(true);
    const token = tokenOf(link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url

    const row = await app.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(invitation)).not.toContain(token);

    const listed = await mentor.caller.invitations.list();
    expect(listed.items.map((item) => item.id)).toContain(invitation.id);
    expect(JSON.stringify(listed)).not.toContain(token);

    // A second invitation gets a token of its own.
    const second = await mentor.caller.invitations.create({ offeringId });
    expect(tokenOf(second.link)).not.toBe(token);
  });

  it("expires in 14 days by default, or in 1 to 60 days", async () => {
    const before = Date.now();
    const { invitation } = await mentor.caller.invitations.create({ offeringId });
    const days = (invitation.expiresAt.getTime() - before) / DAY;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThan(14.01);
    const long = await mentor.caller.invitations.create({ offeringId, expiresInDays: 60 });
    expect(Math.round((long.invitation.expiresAt.getTime() - before) / DAY)).toBe(60);
    for (const expiresInDays of [0, 61, 1.5]) {
      expect(
        await invalidFields(mentor.caller.invitations.create({ offeringId, expiresInDays })),
      ).toEqual(["expiresInDays"]);
    }
  });

  it("stores a private price in the offering's currency, refuses another currency", async () => {
    const { invitation } = await mentor.caller.invitations.create({
      offeringId,
      priceMinor: 2500,
    });
    expect(invitation).toMatchObject({ priceMinor: 2500, currency: "EUR" });
    const free = await mentor.caller.invitations.create({
      offeringId,
      priceMinor: 0,
      currency: "EUR",
    });
    expect(free.invitation).toMatchObject({ priceMinor: 0, currency: "EUR" });

    const count = () => app.prisma.invitation.count({ where: { mentorId: mentor.userId } });
    const before = await count();
    expect(
      await outcome(
        mentor.caller.invitations.create({ offeringId, priceMinor: 2500, currency: "USD" }),
      ),
    ).toBe("VALIDATION_FAILED");
    expect(
      await invalidFields(mentor.caller.invitations.create({ offeringId, currency: "EUR" })),
    ).toEqual(["currency"]);
    expect(
      await invalidFields(mentor.caller.invitations.create({ offeringId, priceMinor: -1 })),
    ).toEqual(["priceMinor"]);
    expect(await count()).toBe(before);
  });

  it("only for the mentor's own, active offering", async () => {
    const theirs = await other.caller.offerings.create({
      title: "Olga's offering",
      kind: "ONE_TO_ONE",
      options: [{ durationMinutes: 30, priceMinor: 1000, currency: "EUR" }],
    });
    expect(await outcome(mentor.caller.invitations.create({ offeringId: theirs.id }))).toBe(
      "NOT_FOUND",
    );
    const archived = await mentor.caller.offerings.create({
      title: "Soon archived",
      kind: "ONE_TO_ONE",
      options: [{ durationMinutes: 30, priceMinor: 1000, currency: "EUR" }],
    });
    await mentor.caller.offerings.archive({ offeringId: archived.id });
    expect(await outcome(mentor.caller.invitations.create({ offeringId: archived.id }))).toBe(
      "OFFERING_UNAVAILABLE",
    );
  });

  it("emails the link: the email lands in the outbox once queued jobs are delivered", async () => {
    await deliverQueuedEmails(app);
    const { link } = await mentor.caller.invitations.create({
      offeringId,
      email: "  Guest@Example.TEST ",
      priceMinor: 2500,
    });
    expect(await app.prisma.outboxEmail.count({ where: { to: "guest@example.test" } })).toBe(0);
    expect(await deliverQueuedEmails(app)).toBe(1);

    const email = await app.prisma.outboxEmail.findFirstOrThrow({
      where: { to: "guest@example.test" },
    });
    const vars = { name: "Ines Inviter", title: "Portfolio review", appName: "Mentora" };
    expect(email.subject).toBe(translate("en", "email.invitation.subject", vars));
    expect(email.text).toContain(link);
    expect(email.text).toContain("€25.00");
    expect(email.html).toContain(`href="${link}"`);
    const stored = await app.prisma.invitation.findFirstOrThrow({
      where: { tokenHash: sha256(tokenOf(link)) },
    });
    expect(stored.email).toBe("guest@example.test");
  });

  it("writes to an invitee with an account in their own language", async () => {
    const { userId } = await signUpVerifiedUser(app, {
      name: "Fanny",
      email: "fanny@invitations.test",
    });
    await app.prisma.user.update({ where: { id: userId }, data: { locale: "fr" } });
    await deliverQueuedEmails(app);
    await mentor.caller.invitations.create({
      offeringId: tndOfferingId,
      email: "fanny@invitations.test",
      priceMinor: 45_500,
    });
    expect(await deliverQueuedEmails(app)).toBe(1);
    const email = await app.prisma.outboxEmail.findFirstOrThrow({
      where: { to: "fanny@invitations.test", subject: { contains: "Atelier" } },
    });
    expect(email.subject).toBe(
      translate("fr", "email.invitation.subject", {
        name: "Ines Inviter",
        title: "Atelier entretien",
        appName: "Mentora",
      }),
    );
    expect(email.text).toContain("Bonjour Fanny,");
    expect(email.text).toMatch(/45,500\s?DT|45,500\s?TND/);
  });

  it("without an email, queues no email", async () => {
    await deliverQueuedEmails(app);
    await mentor.caller.invitations.create({ offeringId });
    expect(await deliverQueuedEmails(app)).toBe(0);
  });
});

describe("invitations.preview (public)", () => {
  it("shows the offering, the mentor, the private price and the expiry to anyone", async () => {
    const { invitation, link } = await mentor.caller.invitations.create({
      offeringId,
      priceMinor: 1500,
      email: "someone@invitations.test",
    });
    const anonymous = await callerFor(app);
    const preview = await anonymous.invitations.preview({ token: tokenOf(link) });
    expect(preview.offering).toMatchObject({ id: offeringId, title: "Portfolio review" });
    // Bound to one duration: the shortest by default, or the one the mentor chose.
    expect(preview.offering.options.map((o) => o.durationMinutes)).toEqual([30]);
    expect(invitation.durationMinutes).toBe(30);
    const hour = await mentor.caller.invitations.create({ offeringId, durationMinutes: 60 });
    const hourPreview = await anonymous.invitations.preview({ token: tokenOf(hour.link) });
    expect(hourPreview.offering.options.map((o) => o.durationMinutes)).toEqual([60]);
    expect(
      await outcome(mentor.caller.invitations.create({ offeringId, durationMinutes: 45 })),
    ).toBe("VALIDATION_FAILED");
    expect(preview.mentor).toMatchObject({ id: mentor.userId, name: "Ines Inviter" });
    expect(preview.privatePrice).toEqual({ priceMinor: 1500, currency: "EUR" });
    expect(preview.expiresAt).toEqual(invitation.expiresAt);
    expect(preview.forSpecificEmail).toBe(true);
    expect(JSON.stringify(preview)).not.toContain("someone@invitations.test");

    const plain = await mentor.caller.invitations.create({ offeringId });
    expect((await anonymous.invitations.preview({ token: tokenOf(plain.link) })).privatePrice).toBe(
      null,
    );
  });

  it("answers INVITATION_INVALID for an unknown, expired or revoked token", async () => {
    const anonymous = await callerFor(app);
    expect(await outcome(anonymous.invitations.preview({ token: "A".repeat(43) }))).toBe(
      "INVITATION_INVALID",
    );

    const expired = await mentor.caller.invitations.create({ offeringId });
    expect(await outcome(anonymous.invitations.preview({ token: tokenOf(expired.link) }))).toBe(
      "OK",
    );
    await app.prisma.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await outcome(anonymous.invitations.preview({ token: tokenOf(expired.link) }))).toBe(
      "INVITATION_INVALID",
    );

    const revoked = await mentor.caller.invitations.create({ offeringId });
    await mentor.caller.invitations.revoke({ invitationId: revoked.invitation.id });
    expect(await outcome(anonymous.invitations.preview({ token: tokenOf(revoked.link) }))).toBe(
      "INVITATION_INVALID",
    );
  });

  it("answers OFFERING_UNAVAILABLE once the offering is archived", async () => {
    const offering = await mentor.caller.offerings.create({
      title: "Archived later",
      kind: "ONE_TO_ONE",
      options: [{ durationMinutes: 30, priceMinor: 1000, currency: "EUR" }],
    });
    const { link } = await mentor.caller.invitations.create({ offeringId: offering.id });
    await mentor.caller.offerings.archive({ offeringId: offering.id });
    expect(
      await outcome((await callerFor(app)).invitations.preview({ token: tokenOf(link) })),
    ).toBe("OFFERING_UNAVAILABLE");
  });
});

describe("invitations.revoke and invitations.list", () => {
  it("revokes once (guarded); another mentor's invitation reads as NOT_FOUND", async () => {
    const { invitation } = await mentor.caller.invitations.create({ offeringId });
    expect(await outcome(other.caller.invitations.revoke({ invitationId: invitation.id }))).toBe(
      "NOT_FOUND",
    );
    expect(
      (await app.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt,
    ).toBeNull();

    const revoked = await mentor.caller.invitations.revoke({ invitationId: invitation.id });
    expect(revoked.status).toBe("revoked");
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await outcome(mentor.caller.invitations.revoke({ invitationId: invitation.id }))).toBe(
      "CONFLICT",
    );
  });

  it("lists own invitations with their uses and status, newest first, by pages", async () => {
    const fresh = await signUpMentor(app, { name: "Lena Lister", email: "lena@invitations.test" });
    const offering = await fresh.caller.offerings.create({
      title: "Listing",
      kind: "ONE_TO_ONE",
      options: [{ durationMinutes: 30, priceMinor: 1000, currency: "EUR" }],
    });
    const active = await fresh.caller.invitations.create({ offeringId: offering.id });
    const expired = await fresh.caller.invitations.create({ offeringId: offering.id });
    await app.prisma.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await fresh.caller.invitations.create({ offeringId: offering.id });
    await fresh.caller.invitations.revoke({ invitationId: revoked.invitation.id });

    // One use of the active invitation, as the booking hold would record it.
    const menteeId = await createPlainUser(app);
    const { bookings } = await createSessionWithBookings(app, {
      mentorId: fresh.userId,
      offeringId: offering.id,
      optionId: offering.options[0]!.id,
      startsAt: new Date(Date.now() + 3 * DAY),
      durationMinutes: 30,
      capacity: 1,
      menteeIds: [menteeId],
      priceMinor: 1000,
      currency: "EUR",
      title: "Listing",
    });
    await app.prisma.invitationUse.create({
      data: { invitationId: active.invitation.id, userId: menteeId, bookingId: bookings[0]!.id },
    });

    const { items, nextCursor } = await fresh.caller.invitations.list();
    expect(nextCursor).toBeNull();
    expect(items.map((item) => [item.id, item.status, item.usesCount])).toEqual([
      [revoked.invitation.id, "revoked", 0],
      [expired.invitation.id, "expired", 0],
      [active.invitation.id, "active", 1],
    ]);

    const page1 = await fresh.caller.invitations.list({ limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBe(expired.invitation.id);
    const page2 = await fresh.caller.invitations.list({ limit: 2, cursor: page1.nextCursor! });
    expect(page2.items.map((item) => item.id)).toEqual([active.invitation.id]);
    expect(page2.nextCursor).toBeNull();

    // Nobody else's invitations, and another mentor's id as a cursor gives nothing.
    const others = await other.caller.invitations.list();
    expect(others.items.map((item) => item.offeringId)).not.toContain(offering.id);
    const foreignCursor = await other.caller.invitations.list({ cursor: active.invitation.id });
    expect(foreignCursor.items).toEqual([]);
  });
});

describe("with the booking hold", () => {
  it("a booking made with the token gets the private price, once per invitee", async () => {
    await mentor.caller.availability.setWeeklyRules({
      rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
    });
    const { link, invitation } = await mentor.caller.invitations.create({
      offeringId,
      priceMinor: 0,
    });
    const mentee = await signUpVerifiedUser(app, { name: "Bo", email: "bo@invitations.test" });
    const caller = await callerFor(app, { cookie: mentee.cookie });
    const option = (await app.prisma.offeringOption.findMany({ where: { offeringId } }))[0]!;
    const day = new Date(Date.now() + 3 * DAY);
    const startsAt = new Date(
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10),
    );

    const booking = await caller.bookings.hold({
      optionId: option.id,
      startsAt,
      invitationToken: tokenOf(link),
    });
    expect(booking).toMatchObject({ priceMinor: 0, currency: "EUR", status: "CONFIRMED" });
    const listed = await mentor.caller.invitations.list();
    expect(listed.items.find((item) => item.id === invitation.id)?.usesCount).toBe(1);

    const later = new Date(startsAt.getTime() + 2 * 3_600_000);
    expect(
      await outcome(
        caller.bookings.hold({
          optionId: option.id,
          startsAt: later,
          invitationToken: tokenOf(link),
        }),
      ),
    ).toBe("INVITATION_USED");
  });
});

describe("invitation email template", () => {
  const base = {
    locale: "en" as const,
    timeZone: "Europe/Paris",
    recipientName: "",
    mentorName: "Ines\r\nBcc: evil@example.test",
    offeringTitle: "<b>Review</b>",
    price: null,
    expiresAt: new Date("2031-03-05T17:00:00Z"),
    url: "https://app.mentora.test/invitations/abc",
  };

  it("keeps the subject on one line and escapes html", () => {
    const email = renderInvitationEmail(base);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).not.toContain("<b>Review</b>");
    expect(email.html).toContain("&lt;b&gt;Review&lt;/b&gt;");
    expect(email.text).toContain("Hi,");
  });

  it("shows the expiry in the recipient's timezone and no price line without a price", () => {
    const email = renderInvitationEmail(base);
    expect(email.text).toContain("March 5, 2031");
    expect(email.text).toContain("6:00");
    expect(email.text).not.toContain(
      translate("en", "email.invitation.privatePrice").split("{")[0]!,
    );
    const priced = renderInvitationEmail({ ...base, price: formatMinorAmount(500, "JPY", "en") });
    expect(priced.text).toContain("¥500");
  });

  it("refuses a non-http link", () => {
    expect(() => renderInvitationEmail({ ...base, url: "javascript:alert(1)" })).toThrow(
      /http\(s\)/,
    );
  });
});
