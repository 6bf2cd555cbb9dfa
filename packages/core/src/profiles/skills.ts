import type { Db, Prisma } from "@mentora/db";

type Writer = Db | Prisma.TransactionClient;

export const maxSkillsPerUser = 15;
export const maxSkillNameLength = 50;

/**
 * The shared tag a skill name maps to: "TypeScript" and " typescript " are one skill.
 * Lowercase ASCII words joined by dashes; accents are dropped ("Négociation" → "negociation"),
 * and the signs that tell languages apart are spelled out ("C++" → "c-plus-plus", "C#" →
 * "c-sharp"). Empty when the name has no letter or digit at all.
 */
export function slugifySkill(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\+/g, " plus ")
    .replace(/#/g, " sharp ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** The names worth keeping, one per slug (the first spelling wins), in the given order. */
export function uniqueSkills(names: readonly string[]): { slug: string; name: string }[] {
  const bySlug = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, " ");
    const slug = slugifySkill(name);
    if (slug && !bySlug.has(slug)) bySlug.set(slug, name);
  }
  return [...bySlug].map(([slug, name]) => ({ slug, name }));
}

/**
 * Replaces the user's skills with these names. Skills are shared tags: a name whose slug
 * exists already joins that skill (keeping its first display name), a new one creates it.
 * Safe under concurrency: inserts skip rows another request created first.
 */
export async function replaceUserSkills(
  db: Writer,
  userId: string,
  names: readonly string[],
): Promise<void> {
  const skills = uniqueSkills(names);
  if (skills.length > 0) await db.skill.createMany({ data: skills, skipDuplicates: true });
  const rows = await db.skill.findMany({
    where: { slug: { in: skills.map((skill) => skill.slug) } },
    select: { id: true },
  });
  const skillIds = rows.map((row) => row.id);
  await db.userSkill.deleteMany({ where: { userId, skillId: { notIn: skillIds } } });
  if (skillIds.length > 0) {
    await db.userSkill.createMany({
      data: skillIds.map((skillId) => ({ userId, skillId })),
      skipDuplicates: true,
    });
  }
}
