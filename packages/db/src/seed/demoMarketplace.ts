import type { Prisma } from "../index.ts";

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
export const demoMentors: readonly DemoMentor[] = [
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

/**
 * Profiles, approved mentor settings, offerings and weekly hours for the demo mentors. Offerings
 * and hours are only created for a mentor who has none, so a mentor's own edits survive a
 * restart of `pnpm dev`.
 */
export async function seedDemoMarketplace(tx: Prisma.TransactionClient): Promise<void> {
  for (const demo of demoMentors) {
    const mentor = await tx.user.findUniqueOrThrow({ where: { email: demo.email } });
    await tx.user.update({
      where: { id: mentor.id },
      data: { headline: demo.headline, bio: demo.bio, languages: demo.languages },
    });
    for (const skill of demo.skills) {
      const { id: skillId } = await tx.skill.upsert({
        where: { slug: skill.slug },
        create: skill,
        update: {},
      });
      await tx.userSkill.upsert({
        where: { userId_skillId: { userId: mentor.id, skillId } },
        create: { userId: mentor.id, skillId },
        update: {},
      });
    }
    await tx.mentorProfile.upsert({
      where: { userId: mentor.id },
      create: {
        userId: mentor.id,
        status: "APPROVED",
        decidedAt: new Date(),
        bufferMinutes: 10,
        minNoticeMinutes: 60,
        horizonDays: 60,
      },
      update: {},
    });
    if ((await tx.offering.count({ where: { mentorId: mentor.id } })) === 0) {
      for (const { options, ...offering } of demo.offerings) {
        await tx.offering.create({
          data: { ...offering, mentorId: mentor.id, options: { create: options } },
        });
      }
    }
    if ((await tx.availabilityRule.count({ where: { mentorId: mentor.id } })) === 0) {
      await tx.availabilityRule.createMany({
        data: demo.weekdays.flatMap((weekday) =>
          demo.hours.map(([startMinute, endMinute]) => ({
            mentorId: mentor.id,
            weekday,
            startMinute,
            endMinute,
          })),
        ),
      });
    }
  }
}
