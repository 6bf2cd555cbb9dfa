import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import {
  callerFor,
  createFakeAi,
  createTestApp,
  deliverQueuedEmails,
  runEventDeliveries,
  signUpVerifiedUser,
} from "../testing/index.ts";
import { fullTextPrescores, requestMatches } from "./index.ts";

type MentorSeed = {
  name: string;
  headline: string;
  bio: string;
  skills: string[];
  languages: string[];
  offering?: { title: string; description: string; priceMinor: number; currency: string };
  /** ISO weekday 1–7, minutes from local midnight, in Europe/Paris. */
  rules?: { weekday: number; startMinute: number; endMinute: number }[];
  status?: "APPROVED" | "PENDING";
};

/** An approved mentor straight in the database, with skills, one offering and weekly rules. */
async function seedMentor(app: App, seed: MentorSeed): Promise<string> {
  const id = randomUUID();
  await app.prisma.user.create({
    data: {
      id,
      name: seed.name,
      email: `${id}@matching.test`,
      emailVerified: true,
      role: "MENTOR",
      headline: seed.headline,
      bio: seed.bio,
      languages: seed.languages,
      timezone: "Europe/Paris",
      mentorProfile: {
        create: { status: seed.status ?? "APPROVED", minNoticeMinutes: 0, horizonDays: 60 },
      },
    },
  });
  for (const name of seed.skills) {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const skill = await app.prisma.skill.upsert({
      where: { slug },
      create: { slug, name },
      update: {},
    });
    await app.prisma.userSkill.create({ data: { userId: id, skillId: skill.id } });
  }
  const offering = seed.offering ?? {
    title: "Mentoring",
    description: "One hour together",
    priceMinor: 5000,
    currency: "EUR",
  };
  await app.prisma.offering.create({
    data: {
      mentorId: id,
      title: offering.title,
      description: offering.description,
      kind: "ONE_TO_ONE",
      options: {
        create: [
          { durationMinutes: 60, priceMinor: offering.priceMinor, currency: offering.currency },
        ],
      },
    },
  });
  for (const rule of seed.rules ?? []) {
    await app.prisma.availabilityRule.create({ data: { mentorId: id, ...rule } });
  }
  return id;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCodeOf(error) ?? (error as { code?: string }).code ?? String(error);
  }
}

describe("full-text prescore (French and English, unaccented)", () => {
  let app: App;
  let ids: Record<"frDev" | "enData" | "enDesign", string>;

  beforeAll(async () => {
    app = await createTestApp({}, { ai: createFakeAi() });
    ids = {
      frDev: await seedMentor(app, {
        name: "Élodie",
        headline: "Développeuse TypeScript senior",
        bio: "J’accompagne les développeurs vers leur premier poste d’ingénieur.",
        skills: ["TypeScript"],
        languages: ["fr"],
      }),
      enData: await seedMentor(app, {
        name: "Sam",
        headline: "Data scientist",
        bio: "I help analysts move into machine learning and statistics.",
        skills: ["Python", "Statistics"],
        languages: ["en"],
      }),
      enDesign: await seedMentor(app, {
        name: "Kim",
        headline: "Product designer",
        bio: "Portfolio reviews and design interviews.",
        skills: ["Figma"],
        languages: ["en"],
        offering: {
          title: "Portfolio review",
          description: "We review your case studies",
          priceMinor: 3000,
          currency: "EUR",
        },
      }),
    };
  });
  afterAll(() => app?.close());

  const rank = async (text: string) =>
    (await fullTextPrescores(app.prisma, Object.values(ids), text, 10)).map((row) => row.mentorId);

  it("finds French words typed without accents (and accented words typed plainly)", async () => {
    expect((await rank("developpeuse typescript"))[0]).toBe(ids.frDev);
    expect((await rank("ingenieur"))[0]).toBe(ids.frDev);
  });

  it("stems English and French: 'reviewing portfolios' finds the portfolio review offering", async () => {
    expect((await rank("reviewing portfolios"))[0]).toBe(ids.enDesign);
    expect((await rank("développeurs"))[0]).toBe(ids.frDev);
  });

  it("ranks prose by any of its words, the best scaled to 1, unmatched mentors at 0", async () => {
    const rows = await fullTextPrescores(
      app.prisma,
      Object.values(ids),
      "I would like to learn machine learning and statistics please",
      10,
    );
    expect(rows[0]).toEqual({ mentorId: ids.enData, prescore: 1 });
    expect(rows.find((row) => row.mentorId === ids.frDev)?.prescore).toBe(0);
  });

  it("weighs headline and skills above bio", async () => {
    const headline = await seedMentor(app, {
      name: "H",
      headline: "Kubernetes expert",
      bio: "Cloud things.",
      skills: [],
      languages: ["en"],
    });
    const bio = await seedMentor(app, {
      name: "B",
      headline: "Engineer",
      bio: "Sometimes I touch kubernetes.",
      skills: [],
      languages: ["en"],
    });
    const rows = await fullTextPrescores(app.prisma, [bio, headline], "kubernetes", 10);
    expect(rows.map((row) => row.mentorId)).toEqual([headline, bio]);
  });
});

describe("the matching flow, with the local provider", () => {
  let app: App;
  let mentee: { cookie: string; userId: string };
  let ids: Record<"best" | "busy" | "german" | "pending" | "unrelated", string>;
  // Next Tuesday 18:00–21:00 in Paris, as a mentee there types it.
  const tuesday = DateTime.now().setZone("Europe/Paris").plus({ weeks: 1 }).set({ weekday: 2 });
  const when = {
    from: `${tuesday.toISODate()}T18:00`,
    to: `${tuesday.toISODate()}T21:00`,
  };

  beforeAll(async () => {
    app = await createTestApp(); // AI_PROVIDER unset: the local provider, no network
    mentee = await signUpVerifiedUser(app, { name: "Mina", email: "mina@matching.test" });
    await app.prisma.user.update({
      where: { id: mentee.userId },
      data: { timezone: "Europe/Paris" },
    });
    ids = {
      // Speaks French, reviews TypeScript, free on Tuesday evenings.
      best: await seedMentor(app, {
        name: "Lucie",
        headline: "Développeuse TypeScript",
        bio: "Revue de code TypeScript et React.",
        skills: ["TypeScript", "React"],
        languages: ["fr", "en"],
        rules: [{ weekday: 2, startMinute: 18 * 60, endMinute: 21 * 60 }],
      }),
      // Same text, never free in the window.
      busy: await seedMentor(app, {
        name: "Marc",
        headline: "Développeur TypeScript",
        bio: "Revue de code TypeScript.",
        skills: ["TypeScript"],
        languages: ["fr"],
        rules: [{ weekday: 5, startMinute: 9 * 60, endMinute: 12 * 60 }],
      }),
      // Speaks no language the mentee asked for: never a candidate.
      german: await seedMentor(app, {
        name: "Jonas",
        headline: "TypeScript Entwickler",
        bio: "TypeScript.",
        skills: ["TypeScript"],
        languages: ["de"],
        rules: [{ weekday: 2, startMinute: 18 * 60, endMinute: 21 * 60 }],
      }),
      // Not approved: never a candidate.
      pending: await seedMentor(app, {
        name: "Paul",
        headline: "TypeScript",
        bio: "TypeScript",
        skills: ["TypeScript"],
        languages: ["fr"],
        status: "PENDING",
      }),
      unrelated: await seedMentor(app, {
        name: "Zoé",
        headline: "Coach de carrière",
        bio: "Négociation salariale.",
        skills: ["Carrière"],
        languages: ["fr"],
      }),
    };
  });
  afterAll(() => app?.close());

  it("ranks, explains, finds the next free slots, stores the request and e-mails the mentee", async () => {
    const caller = await callerFor(app, { cookie: mentee.cookie });
    const { requestId } = await caller.matching.request({
      text: "Je cherche une revue de code typescript",
      languages: ["fr"],
      budget: { maxMinor: 6000, currency: "EUR" },
      when,
    });
    const result = await caller.matching.latest({});
    expect(result?.id).toBe(requestId);
    const matched = result?.matches.map((match) => match.mentorId) ?? [];
    expect(matched[0]).toBe(ids.best);
    expect(matched).not.toContain(ids.german);
    expect(matched).not.toContain(ids.pending);
    expect(matched.indexOf(ids.best)).toBeLessThan(matched.indexOf(ids.busy));
    const best = result?.matches[0];
    expect(best?.explanation.length).toBeGreaterThan(10);
    // Free slots in the window, in Paris wall time.
    expect(best?.nextSlots.length).toBeGreaterThan(0);
    for (const slot of best?.nextSlots ?? []) {
      const local = DateTime.fromJSDate(slot).setZone("Europe/Paris");
      expect(local.weekday).toBe(2);
      expect(local.hour).toBeGreaterThanOrEqual(18);
    }

    await deliverQueuedEmails(app);
    const email = await app.prisma.outboxEmail.findFirstOrThrow({
      where: { to: "mina@matching.test", subject: { contains: "Mentors for you" } },
    });
    expect(email.text).toContain("Lucie");
    expect(email.text).toContain("/matches");
  });

  it("keeps the request the mentee's own: another person's id is NOT_FOUND", async () => {
    const other = await signUpVerifiedUser(app, { name: "Other", email: "other@matching.test" });
    const mine = await callerFor(app, { cookie: mentee.cookie });
    const { requestId } = await mine.matching.request({ text: "carrière", languages: ["fr"] });
    const theirs = await callerFor(app, { cookie: other.cookie });
    expect(await codeOf(theirs.matching.latest({ requestId }))).toBe("NOT_FOUND");
    expect(await theirs.matching.latest({})).toBeNull();
    expect((await mine.matching.latest({ requestId }))?.id).toBe(requestId);
  });

  it("refuses a window in the past and a window ending before it starts", async () => {
    const caller = await callerFor(app, { cookie: mentee.cookie });
    expect(
      await codeOf(
        caller.matching.request({
          text: "typescript",
          when: { from: "2020-01-01T10:00", to: "2020-01-01T12:00" },
        }),
      ),
    ).toBe("VALIDATION_FAILED");
    expect(
      await codeOf(
        caller.matching.request({ text: "typescript", when: { from: when.to, to: when.from } }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("requests are the mentee's personal data: deleted with the account", async () => {
    const gone = await signUpVerifiedUser(app, { name: "Gone", email: "gone@matching.test" });
    await requestMatches(app, gone.userId, { text: "typescript", languages: [] });
    expect(await app.prisma.matchRequest.count({ where: { menteeId: gone.userId } })).toBe(1);
    const caller = await callerFor(app, { cookie: gone.cookie });
    await caller.account.deleteAccount({
      confirmEmail: "gone@matching.test",
      password: "correct horse battery",
    });
    expect(await app.prisma.matchRequest.count({ where: { menteeId: gone.userId } })).toBe(0);
  });
});

describe("embeddings per mentor", () => {
  let app: App;
  let fake: ReturnType<typeof createFakeAi>;

  beforeAll(async () => {
    fake = createFakeAi();
    fake.embeddings = true;
    app = await createTestApp({}, { ai: fake });
  });
  afterAll(() => app?.close());

  it("are stored when a mentor's profile changes, not recomputed for the same text, and handed to the provider", async () => {
    const mentor = await signUpVerifiedUser(app, { name: "Emb", email: "emb@matching.test" });
    await app.prisma.user.update({
      where: { id: mentor.userId },
      data: { role: "MENTOR", languages: ["en"] },
    });
    await app.prisma.mentorProfile.create({ data: { userId: mentor.userId, status: "APPROVED" } });
    const caller = await callerFor(app, { cookie: mentor.cookie });
    await caller.profile.update({ headline: "Rust mentor" });
    await runEventDeliveries(app);
    const stored = await app.prisma.mentorEmbedding.findUniqueOrThrow({
      where: { mentorId: mentor.userId },
    });
    expect(stored.vector).toEqual([fake.calls.embeds[0]?.length, 1, 0]);
    const embedded = fake.calls.embeds.length;
    await caller.profile.update({ headline: "Rust mentor" });
    await runEventDeliveries(app);
    expect(fake.calls.embeds.length).toBe(embedded);

    const mentee = await signUpVerifiedUser(app, { name: "Asker", email: "asker@matching.test" });
    await requestMatches(app, mentee.userId, { text: "rust", languages: ["en"] });
    const candidate = fake.calls.matches.at(-1)?.find((entry) => entry.mentorId === mentor.userId);
    expect(candidate?.embedding).toEqual(stored.vector);
    expect(candidate?.prescore).toBe(1);
  });
});
