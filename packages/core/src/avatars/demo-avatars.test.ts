import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { createTestApp } from "../testing/index.ts";
import { avatarKey } from "./avatar-keys.ts";
import { demoAvatarPng, seedDemoAvatars } from "./demo-avatars.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

const createUser = (email: string, avatarVersion: string | null = null) =>
  app.prisma.user.create({
    data: { id: randomUUID(), name: email, email, emailVerified: true, avatarVersion },
  });

describe("demo avatars", () => {
  it("draws a distinct, repeatable 512 px portrait per seed, with no network", async () => {
    const first = await demoAvatarPng("mentor3@mentora.test");
    const again = await demoAvatarPng("mentor3@mentora.test");
    const other = await demoAvatarPng("mentor4@mentora.test");
    expect(Buffer.from(first).equals(Buffer.from(again))).toBe(true);
    expect(Buffer.from(first).equals(Buffer.from(other))).toBe(false);
    const meta = await sharp(first).metadata();
    expect(meta).toMatchObject({ format: "png", width: 512, height: 512 });
    // A portrait, not a blank square: many distinct colours.
    const { dominant } = await sharp(first).stats();
    expect(dominant).toBeDefined();
    const { data } = await sharp(first).resize(64, 64).raw().toBuffer({ resolveWithObject: true });
    const colours = new Set<string>();
    for (let i = 0; i < data.length; i += 3)
      colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    expect(colours.size).toBeGreaterThan(50);
  });

  it("stores one through the avatar pipeline for each account without a picture", async () => {
    const bare = await createUser("demo-a@mentora.test");
    const chosen = await createUser("demo-b@mentora.test", "0123456789abcdef");
    const stored = await seedDemoAvatars({ prisma: app.prisma, files: app.files }, [
      bare.email,
      chosen.email,
      "nobody@mentora.test",
    ]);
    expect(stored).toBe(1);
    const after = await app.prisma.user.findUniqueOrThrow({ where: { id: bare.id } });
    expect(after.avatarVersion).toMatch(/^[0-9a-f]{16}$/);
    const file = await app.files.get(avatarKey(bare.id, after.avatarVersion as string, 256));
    expect(file).not.toBeNull();
    // The person's own choice is kept, and a second start stores nothing again.
    expect(
      (await app.prisma.user.findUniqueOrThrow({ where: { id: chosen.id } })).avatarVersion,
    ).toBe("0123456789abcdef");
    expect(await seedDemoAvatars({ prisma: app.prisma, files: app.files }, [bare.email])).toBe(0);
  });
});
