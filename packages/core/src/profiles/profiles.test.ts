import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { avatarKey } from "../avatars/index.ts";
import { solidPng } from "../avatars/testing/images.ts";
import { errorCodeOf } from "../errors/index.ts";
import { callerFor, createTestApp, signUpVerifiedUser } from "../testing/index.ts";
import { slugifySkill } from "./skills.ts";

let app: App;
let filesDir: string;
let ada: { cookie: string; userId: string };
let bob: { cookie: string; userId: string };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCodeOf(error) ?? (error as { code?: string }).code ?? String(error);
  }
}

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), "mentora-profiles-"));
  app = await createTestApp({ FILES_DIR: filesDir });
  ada = await signUpVerifiedUser(app, { name: "Ada Lovelace", email: "ada@profiles.test" });
  bob = await signUpVerifiedUser(app, { name: "Bob Stone", email: "bob@profiles.test" });
});
afterAll(async () => {
  await app?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

describe("slugifySkill", () => {
  it("maps spellings of one skill to one slug and keeps languages apart", () => {
    expect(slugifySkill(" TypeScript ")).toBe("typescript");
    expect(slugifySkill("Négociation salariale")).toBe("negociation-salariale");
    expect(slugifySkill("Node.js")).toBe("node-js");
    expect(slugifySkill("C++")).toBe("c-plus-plus");
    expect(slugifySkill("C#")).toBe("c-sharp");
    expect(slugifySkill("C")).toBe("c");
    expect(slugifySkill("!!!")).toBe("");
  });
});

describe("profile.get / profile.update", () => {
  it("a new user has an empty profile, no avatar and no mentor application", async () => {
    const profile = await (await callerFor(app, { cookie: ada.cookie })).profile.get();
    expect(profile).toMatchObject({
      id: ada.userId,
      name: "Ada Lovelace",
      headline: null,
      bio: null,
      languages: [],
      skills: [],
      avatarUrl: null,
      mentor: null,
    });
  });

  it("updates the fields sent, normalising languages and skills", async () => {
    const caller = await callerFor(app, { cookie: ada.cookie });
    const updated = await caller.profile.update({
      headline: "  Staff engineer, 12 years in fintech ",
      bio: "I help engineers grow.",
      languages: ["EN", "fr", "en"],
      timezone: "Europe/Paris",
      locale: "fr",
      skills: ["TypeScript", " typescript", "Node.js", "C++"],
    });
    expect(updated).toMatchObject({
      name: "Ada Lovelace",
      headline: "Staff engineer, 12 years in fintech",
      bio: "I help engineers grow.",
      languages: ["en", "fr"],
      timezone: "Europe/Paris",
      locale: "fr",
    });
    expect(updated.skills.map((skill) => skill.slug).sort()).toEqual([
      "c-plus-plus",
      "node-js",
      "typescript",
    ]);
    // Only what is sent changes; a blank headline clears it.
    const again = await caller.profile.update({ headline: "" });
    expect(again.headline).toBeNull();
    expect(again.bio).toBe("I help engineers grow.");
    expect(again.skills).toHaveLength(3);
    expect(await caller.profile.get()).toEqual(again);
    // Sending nothing changes nothing.
    expect(await caller.profile.update({})).toEqual(again);
    // Each edit records profile.changed with the fields sent (names only, no values).
    const events = await app.prisma.domainEvent.findMany({
      where: { type: "profile.changed", data: { path: ["userId"], equals: ada.userId } },
    });
    const fields = events.map((event) => (event.data as { fields: string[] }).fields);
    expect(fields).toHaveLength(2);
    expect(fields).toEqual(
      expect.arrayContaining([
        ["bio", "headline", "languages", "locale", "skills", "timezone"],
        ["headline"],
      ]),
    );
  });

  it.each([
    ["an unknown timezone", { timezone: "Mars/Olympus_Mons" }],
    ["an unknown language code", { languages: ["xx"] }],
    ["a three-letter language code", { languages: ["eng"] }],
    ["more than 10 languages", { languages: "en fr de es it pt nl sv da fi no".split(" ") }],
    ["more than 15 skills", { skills: Array.from({ length: 16 }, (_, i) => `Skill ${i}`) }],
    ["a skill with no letter or digit", { skills: ["!!!"] }],
    ["a headline over 120 characters", { headline: "x".repeat(121) }],
    ["a bio over 4000 characters", { bio: "x".repeat(4001) }],
    ["an unsupported locale", { locale: "de" }],
    ["an empty name", { name: "  " }],
  ])("refuses %s with BAD_REQUEST and changes nothing", async (_label, input) => {
    const caller = await callerFor(app, { cookie: bob.cookie });
    const before = await caller.profile.get();
    expect(await codeOf(caller.profile.update(input as never))).toBe("BAD_REQUEST");
    expect(await caller.profile.get()).toEqual(before);
  });

  it("accepts exactly 15 skills and 10 languages", async () => {
    const caller = await callerFor(app, { cookie: bob.cookie });
    const profile = await caller.profile.update({
      skills: Array.from({ length: 15 }, (_, i) => `Skill ${i}`),
      languages: "en fr de es it pt nl sv da fi".split(" "),
    });
    expect(profile.skills).toHaveLength(15);
    expect(profile.languages).toHaveLength(10);
  });

  it("skills are shared tags: one row per slug, the first spelling kept, sets replaced", async () => {
    const adaCaller = await callerFor(app, { cookie: ada.cookie });
    const bobCaller = await callerFor(app, { cookie: bob.cookie });
    await adaCaller.profile.update({ skills: ["TypeScript", "Rust"] });
    const bobProfile = await bobCaller.profile.update({ skills: ["typescript ", "Go"] });

    const typescript = await app.prisma.skill.findMany({ where: { slug: "typescript" } });
    expect(typescript).toHaveLength(1);
    expect(typescript[0]?.name).toBe("TypeScript");
    expect(bobProfile.skills).toContainEqual({ slug: "typescript", name: "TypeScript" });
    const holders = await app.prisma.userSkill.findMany({
      where: { skillId: typescript[0]?.id },
      select: { userId: true },
    });
    expect(holders.map((row) => row.userId).sort()).toEqual([ada.userId, bob.userId].sort());

    // Replacing Bob's set drops his old skills, never Ada's, and keeps the shared tag.
    const replaced = await bobCaller.profile.update({ skills: ["Rust"] });
    expect(replaced.skills).toEqual([{ slug: "rust", name: "Rust" }]);
    const adaSkills = (await adaCaller.profile.get()).skills.map((skill) => skill.slug);
    expect(adaSkills.sort()).toEqual(["rust", "typescript"]);
    expect(await app.prisma.skill.count({ where: { slug: "typescript" } })).toBe(1);
    const cleared = await bobCaller.profile.update({ skills: [] });
    expect(cleared.skills).toEqual([]);
  });
});

describe("profile.setAvatar / profile.removeAvatar", () => {
  const base64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  const sizes = [64, 256] as const;

  it("stores every size, points the profile at it, and replaces and removes it", async () => {
    const caller = await callerFor(app, { cookie: ada.cookie });
    const first = await caller.profile.setAvatar({
      imageBase64: base64Of(await solidPng(400, 300)),
    });
    const version = first.avatarVersion;
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: ada.userId } });
    expect(user.avatarVersion).toBe(version);
    expect(first.avatarUrl).toBe(`/files/${avatarKey(ada.userId, version as string, 256)}`);
    expect(first.avatarUrl).toMatch(
      new RegExp(`^/files/avatars/[a-z0-9_-]+/${version}-256\\.webp$`),
    );
    for (const size of sizes) {
      const stored = await app.files.get(avatarKey(ada.userId, version as string, size));
      expect(stored?.contentType).toBe("image/webp");
      expect(stored?.bytes.byteLength).toBeGreaterThan(0);
    }

    // A data URL works too; the previous version's files are deleted.
    const second = await caller.profile.setAvatar({
      imageBase64: `data:image/png;base64,${base64Of(await solidPng(300, 300, { r: 0, g: 120, b: 0 }))}`,
    });
    expect(second.avatarVersion).not.toBe(version);
    for (const size of sizes) {
      expect(await app.files.exists(avatarKey(ada.userId, version as string, size))).toBe(false);
      expect(
        await app.files.exists(avatarKey(ada.userId, second.avatarVersion as string, size)),
      ).toBe(true);
    }

    const removed = await caller.profile.removeAvatar();
    expect(removed.avatarUrl).toBeNull();
    expect(removed.avatarVersion).toBeNull();
    for (const size of sizes) {
      expect(
        await app.files.exists(avatarKey(ada.userId, second.avatarVersion as string, size)),
      ).toBe(false);
    }
    // Removing no avatar is fine.
    expect((await caller.profile.removeAvatar()).avatarUrl).toBeNull();
  });

  it("refuses a text file with AVATAR_UNSUPPORTED_TYPE and stores nothing", async () => {
    const caller = await callerFor(app, { cookie: bob.cookie });
    const text = new TextEncoder().encode("hello, I am not an image\n".repeat(20));
    let caught: unknown;
    try {
      await caller.profile.setAvatar({ imageBase64: base64Of(text) });
    } catch (error) {
      caught = error;
    }
    expect(errorCodeOf(caught)).toBe("AVATAR_UNSUPPORTED_TYPE");
    expect((caught as { code?: string }).code).toBe("BAD_REQUEST");
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: bob.userId } });
    expect(user.avatarVersion).toBeNull();
  });

  it("refuses what is not base64 with AVATAR_UNREADABLE, and a broken image too", async () => {
    const caller = await callerFor(app, { cookie: bob.cookie });
    expect(await codeOf(caller.profile.setAvatar({ imageBase64: "not base64 at all!" }))).toBe(
      "AVATAR_UNREADABLE",
    );
    const png = await solidPng(64, 64);
    const truncated = png.subarray(0, Math.floor(png.byteLength / 2));
    expect(await codeOf(caller.profile.setAvatar({ imageBase64: base64Of(truncated) }))).toBe(
      "AVATAR_UNREADABLE",
    );
  });

  it("refuses an oversized upload before decoding it", async () => {
    const caller = await callerFor(app, { cookie: bob.cookie });
    expect(await codeOf(caller.profile.setAvatar({ imageBase64: "A".repeat(7_000_004) }))).toBe(
      "BAD_REQUEST",
    );
    // Within the string bound but over 5 MB decoded: the avatars module's own limit.
    const big = Buffer.alloc(5 * 1024 * 1024 + 16);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await codeOf(caller.profile.setAvatar({ imageBase64: base64Of(big) }))).toBe(
      "AVATAR_TOO_LARGE",
    );
  });
});
