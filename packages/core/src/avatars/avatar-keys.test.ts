import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidFileKey } from "../files/index.ts";
import { avatarKey, avatarUrl, avatarUserSegment } from "./avatar-keys.ts";

describe("avatar keys", () => {
  it("builds versioned keys and URLs", () => {
    const userId = "0b5c8f2e-7d1a-4f1e-9c55-3a1d2b9e8f00";
    expect(avatarKey(userId, "0123456789abcdef", 64)).toBe(
      `avatars/${userId}/0123456789abcdef-64.webp`,
    );
    expect(avatarUrl(userId, "0123456789abcdef", 256)).toBe(
      `/files/avatars/${userId}/0123456789abcdef-256.webp`,
    );
  });

  it("maps mixed-case ids into the lowercase key alphabet without collisions", () => {
    expect(avatarUserSegment("aB_c")).toBe("a_b__c");
    expect(avatarUserSegment("Ab")).not.toBe(avatarUserSegment("aB"));
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        (left, right) => {
          expect(isValidFileKey(avatarKey(left, "0123456789abcdef", 64))).toBe(true);
          if (left !== right) expect(avatarUserSegment(left)).not.toBe(avatarUserSegment(right));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses ids and versions that would not make safe keys", () => {
    expect(() => avatarUserSegment("../admin")).toThrow(TypeError);
    expect(() => avatarUserSegment("")).toThrow(TypeError);
    expect(() => avatarKey("u1", "../../x", 64)).toThrow(TypeError);
  });
});
