import { createAiProviders } from "@mentora/ai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { loadConfig } from "../config/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { completeProfile, giveSkills } from "../mentors/testing/mentors.ts";
import { notificationLine } from "../notifications/index.ts";
import {
  callerFor,
  createFakeAi,
  createTestApp,
  deliverQueuedEmails,
  runEventDeliveries,
  signUpVerifiedUser,
} from "../testing/index.ts";
import { moderateContent } from "./index.ts";

type Fake = ReturnType<typeof createFakeAi>;

async function makeAdmin(app: App, email: string) {
  const admin = await signUpVerifiedUser(app, { name: "Admin", email });
  await app.prisma.user.update({ where: { id: admin.userId }, data: { role: "ADMIN" } });
  return callerFor(app, { cookie: admin.cookie, "user-agent": "moderation-test" });
}

/** An approved mentor (straight in the database) with a complete, clean profile. */
async function approvedMentor(app: App, name: string, email: string) {
  const user = await signUpVerifiedUser(app, { name, email });
  await app.prisma.user.update({
    where: { id: user.userId },
    data: { ...completeProfile, role: "MENTOR" },
  });
  await giveSkills(app, user.userId, [`skill-${user.userId.slice(0, 6)}`]);
  await app.prisma.mentorProfile.create({ data: { userId: user.userId, status: "APPROVED" } });
  return { ...user, caller: await callerFor(app, { cookie: user.cookie }) };
}

const listed = async (app: App, mentorId: string) => {
  const caller = await callerFor(app);
  const page = await caller.directory.search({ limit: 50 });
  return page.items.some((item) => item.id === mentorId);
};

const emailsTo = (app: App, to: string) =>
  app.prisma.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

const deliverEmails = (app: App) => deliverQueuedEmails(app);

describe("moderation with MODERATION_REVIEW_POLICY=hold", () => {
  let app: App;
  let fake: Fake;

  beforeAll(async () => {
    fake = createFakeAi();
    app = await createTestApp(
      { MODERATION_REVIEW_POLICY: "hold", MENTOR_APPROVAL: "auto" },
      { ai: fake },
    );
  });
  afterAll(() => app?.close());

  it("a blocked profile text is withheld: unlisted, the author told why on their page and by e-mail", async () => {
    const mentor = await approvedMentor(app, "Blocky", "blocky@moderation.test");
    expect(await listed(app, mentor.userId)).toBe(true);

    await mentor.caller.profile.update({ bio: "DM me for private shows [block]" });
    await runEventDeliveries(app);

    const cases = await app.prisma.moderationCase.findMany({ where: { authorId: mentor.userId } });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      subject: "PROFILE_TEXT",
      verdict: "BLOCK",
      status: "BLOCKED",
      withheld: true,
    });
    expect((cases[0]?.snapshot as { bio: string } | undefined)?.bio).toBe(
      "DM me for private shows [block]",
    );
    expect(await listed(app, mentor.userId)).toBe(false);
    expect(await codeOf((await callerFor(app)).directory.mentor({ mentorId: mentor.userId }))).toBe(
      "NOT_FOUND",
    );

    const notices = await mentor.caller.moderation.myNotices();
    expect(notices).toMatchObject([
      { subject: "PROFILE_TEXT", withheld: true, reasons: ["solicitation"] },
    ]);
    await deliverEmails(app);
    const mails = await emailsTo(app, "blocky@moderation.test");
    expect(mails.at(-1)?.subject).toMatch(/profile is not published/);
    expect(mails.at(-1)?.text).toContain("solicitation (adult platforms");

    // A clean edit supersedes the case: listed again, nothing left to tell.
    await mentor.caller.profile.update({ bio: "Ten years of shipping software." });
    await runEventDeliveries(app);
    expect(await listed(app, mentor.userId)).toBe(true);
    expect(await mentor.caller.moderation.myNotices()).toEqual([]);
    expect(
      await app.prisma.moderationCase.findUniqueOrThrow({ where: { id: cases[0]?.id ?? "" } }),
    ).toMatchObject({ status: "SUPERSEDED", withheld: false });
  });

  it("a review verdict under `hold` is withheld and queued; the admin's approval publishes it, audit-logged", async () => {
    const mentor = await approvedMentor(app, "Reviewy", "reviewy@moderation.test");
    await mentor.caller.profile.update({ headline: "Coach [review]" });
    await runEventDeliveries(app);
    expect(await listed(app, mentor.userId)).toBe(false);

    const admin = await makeAdmin(app, "admin1@moderation.test");
    const queue = await admin.admin.moderation.list({});
    const item = queue.items.find((entry) => entry.author.id === mentor.userId);
    expect(item).toMatchObject({
      subject: "PROFILE_TEXT",
      verdict: "REVIEW",
      status: "PENDING",
      withheld: true,
      scores: { solicitation: 0.6 },
      reasons: [{ category: "solicitation", message: "fake review" }],
      text: { headline: "Coach [review]" },
    });

    const decided = await admin.admin.moderation.decide({
      caseId: item?.id ?? "",
      decision: "approve",
      note: "Fine after all",
    });
    expect(decided.status).toBe("APPROVED");
    // The author's and the admins' open pages hear of the case and of the decision.
    const heard = await app.prisma.realtimeMessage.findMany({
      where: { ref: item?.id ?? "" },
      orderBy: { seq: "asc" },
    });
    expect(
      heard.filter((message) => message.userId === mentor.userId).map((message) => message.topic),
    ).toEqual(["moderation", "moderation"]);
    expect(heard.filter((message) => message.topic === "admin.moderation").length).toBeGreaterThan(
      0,
    );
    expect(await listed(app, mentor.userId)).toBe(true);
    const audit = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: "moderation.decide", targetId: item?.id ?? "" },
    });
    expect(audit).toMatchObject({ targetType: "moderation_case", userAgent: "moderation-test" });
    expect(audit.details).toMatchObject({ decision: "approve", note: "Fine after all" });
    await deliverEmails(app);
    expect((await emailsTo(app, "reviewy@moderation.test")).at(-1)?.text).toContain(
      "Fine after all",
    );

    // Decided once: a second decision changes nothing.
    expect(
      await codeOf(admin.admin.moderation.decide({ caseId: item?.id ?? "", decision: "reject" })),
    ).toBe("MODERATION_CASE_CLOSED");
    expect(await listed(app, mentor.userId)).toBe(true);
  });

  it("an admin's rejection keeps the content withheld and tells the author the note", async () => {
    const mentor = await approvedMentor(app, "Rejecty", "rejecty@moderation.test");
    await mentor.caller.profile.update({ bio: "Call me [review]" });
    await runEventDeliveries(app);
    const admin = await makeAdmin(app, "admin2@moderation.test");
    const item = (await admin.admin.moderation.list({})).items.find(
      (entry) => entry.author.id === mentor.userId,
    );
    await admin.admin.moderation.decide({
      caseId: item?.id ?? "",
      decision: "reject",
      note: "No phone numbers",
    });
    expect(await listed(app, mentor.userId)).toBe(false);
    expect(await mentor.caller.moderation.myNotices()).toMatchObject([
      { status: "REJECTED", withheld: true, note: "No phone numbers" },
    ]);
    expect(
      (await admin.admin.moderation.list({ status: "REJECTED" })).items.map((entry) => entry.id),
    ).toContain(item?.id);
  });

  it("offerings are profile text: a blocked offering unlists its mentor", async () => {
    const mentor = await approvedMentor(app, "Offery", "offery@moderation.test");
    await mentor.caller.offerings.create({
      title: "Private content [block]",
      kind: "ONE_TO_ONE",
      options: [{ durationMinutes: 30, priceMinor: 1000, currency: "EUR" }],
    });
    await runEventDeliveries(app);
    expect(await listed(app, mentor.userId)).toBe(false);
    const [row] = await app.prisma.moderationCase.findMany({ where: { authorId: mentor.userId } });
    expect(
      (row?.snapshot as { offerings: { title: string }[] } | undefined)?.offerings[0]?.title,
    ).toBe("Private content [block]");
  });

  it("a blocked avatar falls back to initials; an admin's approval puts it back", async () => {
    const mentor = await approvedMentor(app, "Pixel", "pixel@moderation.test");
    const png = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 150, b: 120 } },
    })
      .png()
      .toBuffer();
    fake.imageVerdict = "block";
    const before = fake.calls.images;
    const profile = await mentor.caller.profile.setAvatar({ imageBase64: png.toString("base64") });
    expect(profile.avatarVersion).not.toBeNull();
    await runEventDeliveries(app);
    fake.imageVerdict = "allow";
    expect(fake.calls.images).toBe(before + 1);
    expect((await mentor.caller.profile.get()).avatarUrl).toBeNull();

    const admin = await makeAdmin(app, "admin3@moderation.test");
    const item = (await admin.admin.moderation.list({ status: "BLOCKED" })).items.find(
      (entry) => entry.author.id === mentor.userId && entry.subject === "AVATAR",
    );
    expect(item?.imageUrl).toContain(profile.avatarVersion);
    await admin.admin.moderation.decide({ caseId: item?.id ?? "", decision: "approve" });
    expect((await mentor.caller.profile.get()).avatarVersion).toBe(profile.avatarVersion);
  });

  it("a mentor application is approved automatically only when clean", async () => {
    const clean = await signUpVerifiedUser(app, { name: "Clean", email: "clean@moderation.test" });
    await app.prisma.user.update({ where: { id: clean.userId }, data: completeProfile });
    await giveSkills(app, clean.userId, ["go"]);
    expect(
      await (await callerFor(app, { cookie: clean.cookie })).mentor.submitApplication(),
    ).toEqual({
      status: "APPROVED",
    });

    const flagged = await signUpVerifiedUser(app, {
      name: "Flagged",
      email: "flagged@moderation.test",
    });
    await app.prisma.user.update({
      where: { id: flagged.userId },
      data: { ...completeProfile, bio: "Exclusive content on my page [review]" },
    });
    await giveSkills(app, flagged.userId, ["rust"]);
    expect(
      await (await callerFor(app, { cookie: flagged.cookie })).mentor.submitApplication(),
    ).toEqual({
      status: "PENDING",
    });
    const [appCase] = await app.prisma.moderationCase.findMany({
      where: { authorId: flagged.userId, subject: "MENTOR_APPLICATION" },
    });
    expect(appCase).toMatchObject({ status: "PENDING", verdict: "REVIEW" });

    // The admin's decision on the application closes its moderation case the same way.
    const admin = await makeAdmin(app, "admin4@moderation.test");
    await admin.admin.mentors.decide({ userId: flagged.userId, decision: "reject", note: "No" });
    expect(
      await app.prisma.moderationCase.findUniqueOrThrow({ where: { id: appCase?.id ?? "" } }),
    ).toMatchObject({
      status: "REJECTED",
    });
  });

  it("the hook records in the caller's transaction and supersedes the previous check of the same content", async () => {
    const author = await signUpVerifiedUser(app, {
      name: "Talker",
      email: "talker@moderation.test",
    });
    const first = await moderateContent(app, {
      subject: "MESSAGE",
      contentRef: "message-1",
      authorId: author.userId,
      snapshot: { text: "hi [block]" },
      text: "hi [block]",
      context: "message",
    });
    expect(first).toMatchObject({ verdict: "block", withheld: true });
    // Rolled back with the caller's transaction: no case.
    await app.prisma
      .$transaction(async (tx) => {
        await moderateContent(
          app,
          {
            subject: "MESSAGE",
            contentRef: "message-2",
            authorId: author.userId,
            snapshot: {},
            text: "[review]",
            context: "message",
          },
          tx,
        );
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect(await app.prisma.moderationCase.count({ where: { contentRef: "message-2" } })).toBe(0);
    const edited = await moderateContent(app, {
      subject: "MESSAGE",
      contentRef: "message-1",
      authorId: author.userId,
      snapshot: { text: "hi" },
      text: "hi",
      context: "message",
    });
    expect(edited).toEqual({ verdict: "allow", withheld: false, caseId: null });
    expect(
      await app.prisma.moderationCase.findUniqueOrThrow({ where: { id: first.caseId ?? "" } }),
    ).toMatchObject({
      status: "SUPERSEDED",
    });
  });

  it("a queued case notifies the admins; a decision notifies its author in the app", async () => {
    // Earlier tests' events reach whoever is admin when delivered: deliver them first.
    await runEventDeliveries(app);
    const adminUser = await signUpVerifiedUser(app, {
      name: "Bell Admin",
      email: "bell-admin@moderation.test",
    });
    await app.prisma.user.update({ where: { id: adminUser.userId }, data: { role: "ADMIN" } });
    const admin = await callerFor(app, { cookie: adminUser.cookie });
    const adminLines = async () =>
      (await admin.notifications.list({ limit: 50 })).items.filter(
        (item) => item.kind === "ADMIN_MODERATION",
      );
    expect(await adminLines()).toEqual([]);

    // Profile text sent to review: one case, one admin notification linking to the queue.
    const mentor = await approvedMentor(app, "Belly", "belly@moderation.test");
    await mentor.caller.profile.update({ bio: "Private chats for tips [review]" });
    await runEventDeliveries(app);
    const profileCase = await app.prisma.moderationCase.findFirstOrThrow({
      where: { authorId: mentor.userId, subject: "PROFILE_TEXT" },
    });
    const afterProfile = await adminLines();
    expect(afterProfile).toHaveLength(1);
    expect(afterProfile[0]).toMatchObject({
      path: "/admin/moderation",
      text: "Content waiting for moderation",
    });
    expect(
      await app.prisma.notification.findMany({
        where: { recipientId: adminUser.userId, subjectId: profileCase.id },
        select: { kind: true },
      }),
    ).toEqual([{ kind: "ADMIN_MODERATION" }]);
    // Redelivering changes nothing: one event per case.
    await runEventDeliveries(app);
    expect(await adminLines()).toHaveLength(1);

    // A flagged mentor application also reaches the admins.
    const applicant = await signUpVerifiedUser(app, {
      name: "Appl",
      email: "bell-applicant@moderation.test",
    });
    await app.prisma.user.update({
      where: { id: applicant.userId },
      data: { ...completeProfile, bio: "Paid private content [review]" },
    });
    await giveSkills(app, applicant.userId, ["bells"]);
    await (await callerFor(app, { cookie: applicant.cookie })).mentor.submitApplication();
    await runEventDeliveries(app);
    const appCase = await app.prisma.moderationCase.findFirstOrThrow({
      where: { authorId: applicant.userId, subject: "MENTOR_APPLICATION" },
    });
    expect(
      await app.prisma.notification.count({
        where: { recipientId: adminUser.userId, subjectId: appCase.id, kind: "ADMIN_MODERATION" },
      }),
    ).toBe(1);

    // The admin rejects the profile text: the author is told in the app (their e-mail notice is
    // moderation's own, so the digest does not repeat it by default).
    expect(
      (await mentor.caller.notifications.list({ limit: 50 })).items.filter(
        (item) => item.kind === "MODERATION_DECIDED",
      ),
    ).toEqual([]);
    await admin.admin.moderation.decide({ caseId: profileCase.id, decision: "reject", note: "No" });
    await runEventDeliveries(app);
    const told = (await mentor.caller.notifications.list({ limit: 50 })).items.filter(
      (item) => item.kind === "MODERATION_DECIDED",
    );
    expect(told).toMatchObject([
      { path: "/account", text: "A moderator did not accept your profile", readAt: null },
    ]);
    const row = await app.prisma.notification.findFirstOrThrow({
      where: { recipientId: mentor.userId, kind: "MODERATION_DECIDED" },
    });
    expect(row).toMatchObject({ subjectId: profileCase.id, emailDueAt: null });

    // An application's case is decided with the application: that has its own notification.
    await admin.admin.mentors.decide({ userId: applicant.userId, decision: "approve" });
    await runEventDeliveries(app);
    expect(
      (
        await app.prisma.notification.findMany({
          where: { recipientId: applicant.userId },
          select: { kind: true },
        })
      ).map((n) => n.kind),
    ).toEqual(["APPLICATION_DECIDED"]);
  });

  it("says a moderation decision in the reader's language", () => {
    const line = (status: string, subject: string, locale: "en" | "fr") =>
      notificationLine(
        "MODERATION_DECIDED",
        { path: "/account", status, subject },
        {
          locale,
          timeZone: "UTC",
        },
      );
    expect(line("APPROVED", "AVATAR", "en")).toBe("A moderator published your profile picture");
    expect(line("APPROVED", "AVATAR", "fr")).toBe("Un modérateur a publié votre portrait");
    expect(line("REJECTED", "PROFILE_TEXT", "fr")).toBe(
      "Un modérateur n’a pas accepté votre profil",
    );
  });

  it("refuses the queue and decisions to non-admins", async () => {
    const mentor = await approvedMentor(app, "Nosy", "nosy@moderation.test");
    expect(await codeOf(mentor.caller.admin.moderation.list({}))).toBe("FORBIDDEN");
  });
});

describe("moderation with MODERATION_REVIEW_POLICY=publish", () => {
  let app: App;

  beforeAll(async () => {
    app = await createTestApp({ MODERATION_REVIEW_POLICY: "publish" }, { ai: createFakeAi() });
  });
  afterAll(() => app?.close());

  it("a review verdict stays published while queued; a block is still withheld", async () => {
    const mentor = await approvedMentor(app, "Publy", "publy@moderation.test");
    await mentor.caller.profile.update({ headline: "Coach [review]" });
    await runEventDeliveries(app);
    expect(await listed(app, mentor.userId)).toBe(true);
    expect(
      await app.prisma.moderationCase.findFirstOrThrow({ where: { authorId: mentor.userId } }),
    ).toMatchObject({
      status: "PENDING",
      withheld: false,
    });
    await mentor.caller.profile.update({ headline: "Coach [block]" });
    await runEventDeliveries(app);
    expect(await listed(app, mentor.userId)).toBe(false);
  });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCodeOf(error) ?? String(error);
  }
}

describe("the local provider's image pipeline on a stored avatar", () => {
  let app: App;

  beforeAll(async () => {
    // The real local provider, with a stub classifier in place of nsfwjs: what it is handed is
    // the stored 256 px WebP, decoded by the provider.
    const stub = {
      inputSize: 224,
      async classify(pixels: { data: Uint8Array; width: number; height: number }) {
        expect(pixels.data.length).toBe(pixels.width * pixels.height * 3);
        return { Drawing: 0.01, Hentai: 0.01, Neutral: 0.02, Porn: 0.95, Sexy: 0.01 };
      },
    };
    app = await createTestApp({}, { ai: createAiProviders({ imageClassifier: stub }) });
  });
  afterAll(() => app?.close());

  it("blocks the avatar the classifier calls pornographic: the profile shows initials", async () => {
    const mentor = await approvedMentor(app, "Stubbed", "stubbed@moderation.test");
    const png = await sharp({
      create: { width: 300, height: 300, channels: 3, background: { r: 224, g: 172, b: 105 } },
    })
      .png()
      .toBuffer();
    await mentor.caller.profile.setAvatar({ imageBase64: png.toString("base64") });
    await runEventDeliveries(app);
    expect((await mentor.caller.profile.get()).avatarUrl).toBeNull();
    const row = await app.prisma.moderationCase.findFirstOrThrow({
      where: { authorId: mentor.userId, subject: "AVATAR" },
    });
    expect(row).toMatchObject({ verdict: "BLOCK", status: "BLOCKED" });
    expect(row.provider).toMatch(/^local/);
  });
});

describe("AI configuration", () => {
  it("needs a key (or a base URL) for the openai provider, and holds reviews by default", () => {
    expect(() => loadConfig({ NODE_ENV: "test", AI_PROVIDER: "openai" })).toThrow(/AI_API_KEY/);
    const config = loadConfig({
      NODE_ENV: "test",
      AI_PROVIDER: "openai",
      AI_BASE_URL: "http://localhost:11434/v1",
    });
    expect(config.moderation.ai).toMatchObject({
      provider: "openai",
      baseUrl: "http://localhost:11434/v1",
    });
    expect(config.moderation.reviewPolicy).toBe("hold");
    expect(() => loadConfig({ NODE_ENV: "test", MODERATION_REVIEW_POLICY: "maybe" })).toThrow(
      /MODERATION_REVIEW_POLICY/,
    );
  });
});
