import type { Prisma } from "@mentora/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { callerFor, createTestApp, signUpVerifiedUser } from "../testing/index.ts";
import { completeProfile, createUser, giveSkills } from "./testing/mentors.ts";

async function failure(promise: Promise<unknown>): Promise<{ code: string; details?: unknown }> {
  try {
    await promise;
    return { code: "OK" };
  } catch (error) {
    const cause = (error as { cause?: { details?: unknown } }).cause;
    return {
      code: errorCodeOf(error) ?? (error as { code?: string }).code ?? String(error),
      details: cause?.details,
    };
  }
}
const codeOf = async (promise: Promise<unknown>) => (await failure(promise)).code;

async function completeTheProfile(app: App, userId: string) {
  await app.prisma.user.update({ where: { id: userId }, data: completeProfile });
  await app.prisma.userSkill.deleteMany({ where: { userId } });
  await giveSkills(app, userId, ["typescript"]);
}

describe("with MENTOR_APPROVAL=auto", () => {
  let app: App;
  let user: { cookie: string; userId: string };

  beforeAll(async () => {
    app = await createTestApp({ MENTOR_APPROVAL: "auto" });
    user = await signUpVerifiedUser(app, { name: "Ada", email: "ada@mentors.test" });
  });
  afterAll(() => app?.close());

  const incomplete: [string, Prisma.UserUpdateInput][] = [
    ["headline", { headline: null }],
    ["headline", { headline: "   " }],
    ["bio", { bio: null }],
    ["languages", { languages: [] }],
    ["timezone", { timezone: null }],
  ];

  it.each(incomplete)(
    "refuses a profile without %s (PROFILE_INCOMPLETE naming it)",
    async (field, change) => {
      await completeTheProfile(app, user.userId);
      await app.prisma.user.update({ where: { id: user.userId }, data: change });
      const caller = await callerFor(app, { cookie: user.cookie });
      const result = await failure(caller.mentor.submitApplication());
      expect(result).toEqual({ code: "PROFILE_INCOMPLETE", details: { missing: [field] } });
      expect(await app.prisma.mentorProfile.count({ where: { userId: user.userId } })).toBe(0);
    },
  );

  it("refuses a profile without skills, and lists every missing field at once", async () => {
    await completeTheProfile(app, user.userId);
    await app.prisma.userSkill.deleteMany({ where: { userId: user.userId } });
    const caller = await callerFor(app, { cookie: user.cookie });
    expect(await failure(caller.mentor.submitApplication())).toEqual({
      code: "PROFILE_INCOMPLETE",
      details: { missing: ["skills"] },
    });
    await app.prisma.user.update({
      where: { id: user.userId },
      data: { headline: null, bio: null, languages: [], timezone: null },
    });
    expect(await failure(caller.mentor.submitApplication())).toEqual({
      code: "PROFILE_INCOMPLETE",
      details: { missing: ["headline", "bio", "skills", "languages", "timezone"] },
    });
  });

  it("approves a complete profile at once and grants the MENTOR role", async () => {
    await completeTheProfile(app, user.userId);
    const caller = await callerFor(app, { cookie: user.cookie });
    expect(await codeOf(caller.mentor.settings.get())).toBe("FORBIDDEN");
    expect(await caller.mentor.submitApplication()).toEqual({ status: "APPROVED" });

    const row = await app.prisma.user.findUniqueOrThrow({
      where: { id: user.userId },
      include: { mentorProfile: true },
    });
    expect(row.role).toBe("MENTOR");
    expect(row.mentorProfile?.status).toBe("APPROVED");
    expect(row.mentorProfile?.decidedAt).toBeInstanceOf(Date);
    expect((await caller.profile.get()).mentor?.status).toBe("APPROVED");
    // The new role applies to the very next request.
    const fresh = await callerFor(app, { cookie: user.cookie });
    expect(await fresh.mentor.settings.get()).toEqual({
      acceptingBookings: true,
      bufferMinutes: 15,
      minNoticeMinutes: 240,
      horizonDays: 60,
    });
    expect(await codeOf(fresh.mentor.submitApplication())).toBe("ALREADY_APPLIED");
  });

  it("mentor.settings.update changes only what is sent, within bounds", async () => {
    const caller = await callerFor(app, { cookie: user.cookie });
    expect(
      await caller.mentor.settings.update({ acceptingBookings: false, bufferMinutes: 120 }),
    ).toEqual({
      acceptingBookings: false,
      bufferMinutes: 120,
      minNoticeMinutes: 240,
      horizonDays: 60,
    });
    expect(
      await caller.mentor.settings.update({ minNoticeMinutes: 10_080, horizonDays: 365 }),
    ).toMatchObject({ acceptingBookings: false, minNoticeMinutes: 10_080, horizonDays: 365 });
    for (const invalid of [
      { bufferMinutes: 121 },
      { bufferMinutes: -1 },
      { minNoticeMinutes: 10_081 },
      { horizonDays: 0 },
      { horizonDays: 366 },
      { bufferMinutes: 1.5 },
    ]) {
      expect(await codeOf(caller.mentor.settings.update(invalid))).toBe("BAD_REQUEST");
    }
    const stored = await app.prisma.mentorProfile.findUniqueOrThrow({
      where: { userId: user.userId },
    });
    expect(stored).toMatchObject({
      bufferMinutes: 120,
      minNoticeMinutes: 10_080,
      horizonDays: 365,
    });
  });
});

describe("with MENTOR_APPROVAL=admin", () => {
  let app: App;
  let admin: { cookie: string; userId: string };
  let applicant: { cookie: string; userId: string };

  beforeAll(async () => {
    app = await createTestApp({ MENTOR_APPROVAL: "admin" });
    admin = await signUpVerifiedUser(app, { name: "Admin", email: "admin@mentors.test" });
    await app.prisma.user.update({ where: { id: admin.userId }, data: { role: "ADMIN" } });
    applicant = await signUpVerifiedUser(app, { name: "Bea", email: "bea@mentors.test" });
    await completeTheProfile(app, applicant.userId);
  });
  afterAll(() => app?.close());

  it("an application waits for an admin: PENDING, still a mentee", async () => {
    const caller = await callerFor(app, { cookie: applicant.cookie });
    expect(await caller.mentor.submitApplication()).toEqual({ status: "PENDING" });
    const row = await app.prisma.user.findUniqueOrThrow({
      where: { id: applicant.userId },
      include: { mentorProfile: true },
    });
    expect(row.role).toBe("MENTEE");
    expect(row.mentorProfile).toMatchObject({ status: "PENDING", decidedAt: null });
    expect(await codeOf(caller.mentor.submitApplication())).toBe("ALREADY_APPLIED");
    expect(await codeOf(caller.mentor.settings.get())).toBe("FORBIDDEN");

    const queue = await (await callerFor(app, { cookie: admin.cookie })).admin.mentors.applications(
      {},
    );
    expect(queue.items.map((item) => item.userId)).toEqual([applicant.userId]);
    expect(queue.items[0]).toMatchObject({
      name: "Bea",
      email: "bea@mentors.test",
      headline: completeProfile.headline,
      skills: [{ slug: "typescript", name: "typescript" }],
      status: "PENDING",
    });
  });

  it("a rejection is final until the user applies again, then it is PENDING again", async () => {
    const adminCaller = await callerFor(app, { cookie: admin.cookie });
    const decided = await adminCaller.admin.mentors.decide({
      userId: applicant.userId,
      decision: "reject",
      note: "Please add more detail to your bio.",
    });
    expect(decided.status).toBe("REJECTED");
    const rejected = await app.prisma.mentorProfile.findUniqueOrThrow({
      where: { userId: applicant.userId },
    });
    expect(rejected).toMatchObject({
      status: "REJECTED",
      decidedById: admin.userId,
      decisionNote: "Please add more detail to your bio.",
    });
    expect(rejected.decidedAt).toBeInstanceOf(Date);
    expect(
      (await app.prisma.user.findUniqueOrThrow({ where: { id: applicant.userId } })).role,
    ).toBe("MENTEE");

    // Deciding again is refused: the update is guarded on PENDING.
    const again = await failure(
      adminCaller.admin.mentors.decide({ userId: applicant.userId, decision: "approve" }),
    );
    expect(again).toEqual({
      code: "CONFLICT",
      details: { reason: "NOT_PENDING", status: "REJECTED" },
    });
    expect(
      (await app.prisma.mentorProfile.findUniqueOrThrow({ where: { userId: applicant.userId } }))
        .status,
    ).toBe("REJECTED");

    const caller = await callerFor(app, { cookie: applicant.cookie });
    expect(await caller.mentor.submitApplication()).toEqual({ status: "PENDING" });
    const reapplied = await app.prisma.mentorProfile.findUniqueOrThrow({
      where: { userId: applicant.userId },
    });
    expect(reapplied).toMatchObject({
      status: "PENDING",
      decidedAt: null,
      decidedById: null,
      decisionNote: null,
    });
    expect(reapplied.appliedAt.getTime()).toBeGreaterThan(rejected.decidedAt?.getTime() ?? 0);
  });

  it("approval grants the MENTOR role; a second decision is a CONFLICT", async () => {
    const adminCaller = await callerFor(app, { cookie: admin.cookie });
    const decided = await adminCaller.admin.mentors.decide({
      userId: applicant.userId,
      decision: "approve",
    });
    expect(decided.status).toBe("APPROVED");
    const user = await app.prisma.user.findUniqueOrThrow({
      where: { id: applicant.userId },
      include: { mentorProfile: true },
    });
    expect(user.role).toBe("MENTOR");
    expect(user.mentorProfile).toMatchObject({ status: "APPROVED", decidedById: admin.userId });
    expect(
      await codeOf(
        adminCaller.admin.mentors.decide({ userId: applicant.userId, decision: "reject" }),
      ),
    ).toBe("CONFLICT");
    expect(
      (await app.prisma.mentorProfile.findUniqueOrThrow({ where: { userId: applicant.userId } }))
        .status,
    ).toBe("APPROVED");
    expect(
      await codeOf(
        adminCaller.admin.mentors.decide({ userId: "no-such-user", decision: "approve" }),
      ),
    ).toBe("NOT_FOUND");
    // And the new mentor can use mentor procedures.
    const mentor = await callerFor(app, { cookie: applicant.cookie });
    expect((await mentor.mentor.settings.get()).acceptingBookings).toBe(true);
  });

  it("two admins deciding at once: exactly one wins", async () => {
    const racer = await createUser(app, "Racer");
    await app.prisma.mentorProfile.create({ data: { userId: racer.id, status: "PENDING" } });
    const adminCaller = await callerFor(app, { cookie: admin.cookie });
    const results = await Promise.all([
      codeOf(adminCaller.admin.mentors.decide({ userId: racer.id, decision: "approve" })),
      codeOf(adminCaller.admin.mentors.decide({ userId: racer.id, decision: "reject" })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    const row = await app.prisma.user.findUniqueOrThrow({
      where: { id: racer.id },
      include: { mentorProfile: true },
    });
    expect(row.role).toBe(row.mentorProfile?.status === "APPROVED" ? "MENTOR" : "MENTEE");
  });

  it("the application queue pages oldest first, and deciding between pages skips nobody", async () => {
    const ids: string[] = [];
    const start = Date.UTC(2026, 0, 1);
    for (let index = 0; index < 7; index++) {
      const user = await createUser(app, `Queue ${index}`);
      // Two share an appliedAt: the id breaks the tie.
      const appliedAt = new Date(start + Math.min(index, 5) * 60_000);
      await app.prisma.mentorProfile.create({
        data: { userId: user.id, status: "PENDING", appliedAt },
      });
      ids.push(user.id);
    }
    const adminCaller = await callerFor(app, { cookie: admin.cookie });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await adminCaller.admin.mentors.applications({ limit: 3, cursor });
      seen.push(...page.items.map((item) => item.userId));
      // Deciding the last row of the page must not make the next page skip one.
      const last = page.items.at(-1);
      if (last && page.nextCursor) {
        await adminCaller.admin.mentors.decide({ userId: last.userId, decision: "approve" });
      }
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = [...ids.slice(0, 5), ...ids.slice(5).sort()];
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);

    const approved = await adminCaller.admin.mentors.applications({ status: "APPROVED" });
    expect(approved.items.map((item) => item.userId)).toContain(applicant.userId);
    expect(await codeOf(adminCaller.admin.mentors.applications({ cursor: "garbage" }))).toBe(
      "BAD_REQUEST",
    );
  });
});
