import type { Prisma } from "../index.ts";
import { catalog, catalogEmail } from "./demoCatalog.ts";

type DemoOffering = {
  title: string;
  description: string;
  kind: "ONE_TO_ONE" | "GROUP";
  capacity: number;
  options: { durationMinutes: number; priceMinor: number; currency: string }[];
};

type DemoMentor = {
  email: string;
  headline: string;
  bio: string;
  languages: string[];
  skills: { slug: string; name: string }[];
  /** Weekly hours in the mentor's timezone: ISO weekdays, then [start, end] in minutes. */
  weekdays: number[];
  hours: [number, number][];
  offerings: DemoOffering[];
};

// Demo mentors sell in EUR and TND (3 decimals: 90 TND = 90000 millimes), free and paid,
// one-to-one and group, so a newcomer can try every path within a minute of `pnpm dev`.
const featuredMentors: readonly DemoMentor[] = [
  {
    email: "mentor1@mentora.test",
    headline: "Staff engineer · TypeScript, architecture and code review",
    bio: "Quinze ans de développement web, dont huit à concevoir des plateformes de paiement. J’aide les développeurs à progresser sur l’architecture, les revues de code et la préparation aux entretiens.",
    languages: ["fr", "en"],
    skills: [
      { slug: "typescript", name: "TypeScript" },
      { slug: "architecture", name: "Architecture" },
      { slug: "code-review", name: "Code review" },
    ],
    weekdays: [1, 2, 3, 4, 5],
    hours: [
      [9 * 60, 12 * 60],
      [14 * 60, 18 * 60],
    ],
    offerings: [
      {
        title: "Intro call",
        description: "Twenty minutes to get to know each other and see how I can help. Free.",
        kind: "ONE_TO_ONE",
        capacity: 1,
        options: [{ durationMinutes: 20, priceMinor: 0, currency: "EUR" }],
      },
      {
        title: "Code review session",
        description: "We review a pull request or a module of yours together, live.",
        kind: "ONE_TO_ONE",
        capacity: 1,
        options: [
          { durationMinutes: 30, priceMinor: 3500, currency: "EUR" },
          { durationMinutes: 60, priceMinor: 6000, currency: "EUR" },
        ],
      },
    ],
  },
  {
    email: "mentor2@mentora.test",
    headline: "Career coach for engineers moving into management",
    bio: "Former engineering manager in Tunis and Madrid. One-to-one coaching and small group clinics on leading a team, feedback and hiring.",
    languages: ["en", "es", "ar"],
    skills: [
      { slug: "career-change", name: "Career change" },
      { slug: "leadership", name: "Leadership" },
      { slug: "interviewing", name: "Interviewing" },
    ],
    weekdays: [1, 2, 3, 4, 6],
    hours: [[10 * 60, 17 * 60]],
    offerings: [
      {
        title: "Career coaching",
        description: "A focused one-to-one session on your next career step.",
        kind: "ONE_TO_ONE",
        capacity: 1,
        options: [{ durationMinutes: 45, priceMinor: 90_000, currency: "TND" }],
      },
      {
        title: "Leadership group clinic",
        description: "Up to six engineers, one theme per session, real cases from the group.",
        kind: "GROUP",
        capacity: 6,
        options: [{ durationMinutes: 90, priceMinor: 30_000, currency: "TND" }],
      },
    ],
  },
];

const skillSlug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The featured two, then the demo directory (demoCatalog.ts) in EUR, USD and TND. */
export const demoMentors: readonly DemoMentor[] = [
  ...featuredMentors,
  ...catalog.map((entry) => ({
    email: catalogEmail(entry.n),
    headline: entry.headline,
    bio: entry.bio,
    languages: entry.languages,
    skills: entry.skills.map((name) => ({ slug: skillSlug(name), name })),
    weekdays: entry.days,
    hours: entry.hours.map(([from, to]): [number, number] => [from * 60, to * 60]),
    offerings: [
      ...entry.offers.map(([title, description, durationMinutes, priceMinor, currency]) => ({
        title,
        description,
        kind: "ONE_TO_ONE" as const,
        capacity: 1,
        options: [{ durationMinutes, priceMinor, currency }],
      })),
      ...(entry.group
        ? [
            {
              title: entry.group.title,
              description: entry.group.description,
              kind: "GROUP" as const,
              capacity: entry.group.capacity,
              options: [
                {
                  durationMinutes: entry.group.minutes,
                  priceMinor: entry.group.priceMinor,
                  currency: entry.group.currency,
                },
              ],
            },
          ]
        : []),
    ],
  })),
];

/**
 * Profiles, approved mentor settings, offerings and weekly hours for the demo mentors. Offerings
 * and hours are only created for a mentor who has none, so a mentor's own edits survive a
 * restart of `pnpm dev`. Batched (a few statements for all mentors, not a few per mentor): the
 * directory has ~40 of them and `pnpm dev` seeds at every start.
 */
export async function seedDemoMarketplace(tx: Prisma.TransactionClient): Promise<void> {
  const users = await tx.user.findMany({
    where: { email: { in: demoMentors.map((demo) => demo.email) } },
    select: { id: true, email: true },
  });
  const idByEmail = new Map(users.map((user) => [user.email, user.id]));
  const mentors = demoMentors.map((demo) => {
    const id = idByEmail.get(demo.email);
    if (!id) throw new Error(`demo mentor ${demo.email} was not created`);
    return { id, demo };
  });
  const ids = mentors.map((mentor) => mentor.id);

  for (const { id, demo } of mentors) {
    await tx.user.update({
      where: { id },
      data: { headline: demo.headline, bio: demo.bio, languages: demo.languages },
    });
  }

  const skills = new Map(demoMentors.flatMap((demo) => demo.skills.map((s) => [s.slug, s])));
  await tx.skill.createMany({ data: [...skills.values()], skipDuplicates: true });
  const skillIds = new Map(
    (
      await tx.skill.findMany({
        where: { slug: { in: [...skills.keys()] } },
        select: { id: true, slug: true },
      })
    ).map((skill) => [skill.slug, skill.id]),
  );
  await tx.userSkill.createMany({
    data: mentors.flatMap(({ id, demo }) =>
      demo.skills.map((skill) => ({ userId: id, skillId: skillIds.get(skill.slug) as string })),
    ),
    skipDuplicates: true,
  });
  await tx.mentorProfile.createMany({
    data: ids.map((userId) => ({
      userId,
      status: "APPROVED" as const,
      decidedAt: new Date(),
      bufferMinutes: 10,
      minNoticeMinutes: 60,
      horizonDays: 60,
    })),
    skipDuplicates: true,
  });

  const withOfferings = new Set(
    (await tx.offering.groupBy({ by: ["mentorId"], where: { mentorId: { in: ids } } })).map(
      (row) => row.mentorId,
    ),
  );
  for (const { id, demo } of mentors) {
    if (withOfferings.has(id)) continue;
    for (const { options, ...offering } of demo.offerings) {
      await tx.offering.create({
        data: { ...offering, mentorId: id, options: { create: options } },
      });
    }
  }
  const withRules = new Set(
    (await tx.availabilityRule.groupBy({ by: ["mentorId"], where: { mentorId: { in: ids } } })).map(
      (row) => row.mentorId,
    ),
  );
  await tx.availabilityRule.createMany({
    data: mentors
      .filter(({ id }) => !withRules.has(id))
      .flatMap(({ id, demo }) =>
        demo.weekdays.flatMap((weekday) =>
          demo.hours.map(([startMinute, endMinute]) => ({
            mentorId: id,
            weekday,
            startMinute,
            endMinute,
          })),
        ),
      ),
  });
}
