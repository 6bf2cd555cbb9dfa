import { randomUUID } from "node:crypto";
import type { App } from "../../app/index.ts";

/** Everything mentor.submitApplication asks of a profile. */
export const completeProfile: {
  headline: string;
  bio: string;
  languages: string[];
  timezone: string;
} = {
  headline: "Staff engineer",
  bio: "Ten years of shipping software.",
  languages: ["en"],
  timezone: "Europe/Paris",
};

/** A user straight in the database (no session): for rows others look at. */
export async function createUser(
  app: App,
  name: string,
  data: { headline?: string; languages?: string[]; timezone?: string } = {},
) {
  const id = randomUUID();
  return app.prisma.user.create({
    data: { id, name, email: `${id}@mentors.test`, emailVerified: true, ...data },
  });
}

/** Gives the user these skills (shared tags by slug). */
export async function giveSkills(app: App, userId: string, slugs: readonly string[]) {
  for (const slug of slugs) {
    const skill = await app.prisma.skill.upsert({
      where: { slug },
      create: { slug, name: slug },
      update: {},
    });
    await app.prisma.userSkill.create({ data: { userId, skillId: skill.id } });
  }
}
